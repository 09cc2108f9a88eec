"""Signing in over OpenID Connect, end to end: Lotsen → the provider → code → callback."""

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from lotsen.accounts.models import Membership, User
from lotsen.accounts.tests.factories import current_code, enrol_authenticator_app
from lotsen.audit.models import AuditEvent

from .identity_providers import LOA2

pytestmark = pytest.mark.django_db


def sign_in(client, next_path: str = "/"):
    """Follow the browser's path: the login form's POST, the provider, the callback."""
    start = client.post("/konto/oidc/broker/login/", {"next": next_path})
    assert start.status_code == 302, start.content
    provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert provider.status_code == 302, provider.text
    return client.get(provider.headers["Location"])


def person(user, **claims) -> dict:
    return {"sub": f"subject-{user.pk}", "email": user.email, "email_verified": True, **claims}


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_a_linked_user_signs_in_through_the_broker(client, oidc_on, caseworker):
    oidc_on.sign_in_as(person(caseworker, email=caseworker.email.upper()))
    response = sign_in(client, "/oversikt/")
    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"
    assert signed_in_user_id(client) == str(caseworker.pk)
    assert SocialAccount.objects.get().user == caseworker
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert (event.actor, event.object_label) == (caseworker, "broker")


def test_the_next_login_uses_the_link(client, oidc_on, caseworker):
    oidc_on.sign_in_as(person(caseworker))
    sign_in(client)
    client.logout()
    oidc_on.sign_in_as(person(caseworker, email="ny.adress@kommunen.test"))
    sign_in(client)
    assert signed_in_user_id(client) == str(caseworker.pk)
    assert SocialAccount.objects.count() == 1


def test_an_unknown_person_is_refused_and_not_signed_in(client, oidc_on):
    oidc_on.sign_in_as({"sub": "x", "email": "okand@kommunen.test", "email_verified": True})
    users = User.objects.count()
    response = sign_in(client)
    assert response.status_code == 403
    assert "Lotsen har inget konto kopplat till dig" in response.text
    assert signed_in_user_id(client) is None
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.DENIED)
    assert (event.object_label, event.reason) == (
        "broker",
        "single sign-on refused: no linked user",
    )


def test_an_unverified_address_links_to_nobody(client, oidc_on, caseworker):
    oidc_on.sign_in_as(person(caseworker, email_verified=False))
    response = sign_in(client)
    assert response.status_code == 403
    assert signed_in_user_id(client) is None


def test_a_configured_claim_links_instead_of_the_email(client, oidc_on, settings, caseworker):
    settings.FEDERATION_OIDC_PROVIDERS[0]["link_claim"] = "work_email"
    oidc_on.sign_in_as({"sub": "y", "work_email": caseworker.email})
    sign_in(client)
    assert signed_in_user_id(client) == str(caseworker.pk)


def test_an_accepted_acr_counts_as_the_second_factor(client, oidc_on, caseworker):
    enrol_authenticator_app(caseworker)
    oidc_on.sign_in_as(person(caseworker))
    response = sign_in(client, "/oversikt/")
    assert response["Location"] == "/oversikt/"
    assert signed_in_user_id(client) == str(caseworker.pk)
    assert client.get("/oversikt/").status_code == 200


def test_a_lower_acr_asks_for_the_authenticator_apps_code(client, oidc_on, caseworker):
    secret = enrol_authenticator_app(caseworker)
    oidc_on.sign_in_as(person(caseworker), acr=LOA2)
    response = sign_in(client, "/oversikt/")
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert signed_in_user_id(client) is None
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert signed_in_user_id(client) == str(caseworker.pk)
    assert client.get("/oversikt/").status_code == 200


def test_a_lower_acr_without_an_authenticator_app_is_sent_to_set_one_up(
    client, oidc_on, caseworker
):
    oidc_on.sign_in_as(person(caseworker), acr=LOA2)
    sign_in(client)
    assert signed_in_user_id(client) == str(caseworker.pk)
    response = client.get("/oversikt/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_signing_in_grants_no_role(client, oidc_on, outsider):
    memberships = Membership.objects.count()
    oidc_on.sign_in_as(person(outsider))
    sign_in(client)
    assert signed_in_user_id(client) == str(outsider.pk)
    assert Membership.objects.count() == memberships
    assert not User.objects.get(pk=outsider.pk).roles


def test_a_provider_not_configured_is_not_found(client, oidc_on):
    assert client.post("/konto/oidc/other/login/").status_code == 404
