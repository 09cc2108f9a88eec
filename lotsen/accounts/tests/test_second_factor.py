"""Roles that see people pass a second factor; the others may (decision 0188)."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail

from lotsen.accounts.models import Role
from lotsen.accounts.tests.factories import (
    TEST_PASSWORD,
    current_code,
    enrol_authenticator_app,
    sign_in,
)
from lotsen.demo import accounts as demo
from lotsen.demo import organisations as organisations_demo

SEE_PEOPLE = [Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE, Role.ADMIN]


@pytest.mark.parametrize("role", SEE_PEOPLE)
def test_a_role_that_sees_people_is_sent_to_enrol_before_anything_else(client, all_personas, role):
    sign_in(client, all_personas[role])
    response = client.get("/oversikt/")
    assert response["Location"] == "/konto/2fa/totp/activate/?next=%2Foversikt%2F"
    enrolment = client.get(response["Location"])
    assert enrolment.status_code == 200
    assert "ber om en andra faktor" in enrolment.text


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.STEERING, "outsider"])
def test_other_roles_may_enrol_but_need_not(client, all_personas, role):
    sign_in(client, all_personas[role])
    assert client.get("/oversikt/").status_code == 200
    assert client.get("/konto/2fa/totp/activate/").status_code == 200


# Enrolling sends its mail and proves the factor after the commit, inside the request.
@pytest.mark.commits
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enrolling_opens_the_service_and_shows_recovery_codes_once(client, coordinator):
    sign_in(client, coordinator)
    page = client.get("/konto/2fa/totp/activate/")
    secret = page.context["form"].secret
    response = client.post("/konto/2fa/totp/activate/", {"code": current_code(secret)})
    assert response["Location"] == "/konto/2fa/recovery-codes/"
    codes = client.get("/konto/2fa/recovery-codes/")
    assert len(codes.context["unused_codes"]) == 10
    # Shown once: the page no longer shows them after the first time.
    shown_codes = codes.context["unused_codes"]
    assert client.get("/konto/2fa/recovery-codes/").context["unused_codes"] == ["****"] * 10
    assert shown_codes[0] not in client.get("/konto/2fa/recovery-codes/").text
    assert client.get("/oversikt/").status_code == 200
    assert {message.to[0] for message in mail.outbox} == {coordinator.email}
    assert "Lotsen: Autentiseringsapp aktiverad" in {message.subject for message in mail.outbox}


def test_the_authenticator_secret_is_encrypted_at_rest(coordinator):
    enrol_authenticator_app(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    stored = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.TOTP)
    assert "JBSWY3DPEHPK3PXP" not in str(stored.data)


def test_a_session_without_the_second_factor_is_asked_for_the_code(client, caseworker):
    """A sign-in that counted only as a first factor (an identity provider, an old session)."""
    secret = enrol_authenticator_app(caseworker)
    client.post("/konto/login/", {"login": caseworker.email, "password": TEST_PASSWORD})
    # Left half-way: not signed in at all.
    assert client.get("/oversikt/")["Location"].startswith("/konto/login/")
    client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert client.get("/oversikt/").status_code == 200


def test_the_admin_site_needs_the_second_factor_whatever_the_role(client, admin_user):
    sign_in(client, admin_user)
    assert client.get("/admin/")["Location"].startswith("/konto/2fa/totp/activate/")


def test_a_recovery_code_lets_a_user_in_once(client, coordinator):
    enrol_authenticator_app(coordinator)
    code = RecoveryCodes.activate(coordinator).get_unused_codes()[0]
    client.post("/konto/login/", {"login": coordinator.email, "password": TEST_PASSWORD})
    response = client.post("/konto/2fa/authenticate/", {"code": code})
    assert response["Location"] == "/oversikt/"
    client.post("/konto/logout/")
    client.post("/konto/login/", {"login": coordinator.email, "password": TEST_PASSWORD})
    again = client.post("/konto/2fa/authenticate/", {"code": code})
    assert again.status_code == 200 and "Felaktig kod." in again.text


def test_the_demo_users_are_enrolled_under_the_published_secret(client, settings, db):
    settings.DEBUG = True
    organisations_demo.seed(StringIO())
    demo.seed(StringIO())
    response = client.post(
        "/konto/login/", {"login": "samordnare@lotsen.test", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == "/konto/2fa/authenticate/"
    done = client.post(
        "/konto/2fa/authenticate/", {"code": current_code("LOTSENDEMOTOTPSECRETLOTSENDEMO23")}
    )
    assert done["Location"] == "/oversikt/"
