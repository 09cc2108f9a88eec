"""Signing in over SAML, end to end: Lotsen → the identity provider → its signed answer."""

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from lotsen.accounts.models import Membership, User
from lotsen.audit.models import AuditEvent

from .identity_providers import LOA2, posted_form

pytestmark = pytest.mark.django_db


def sign_in(client, next_path: str = "/"):
    """Follow the browser's path: Lotsen's redirect, the identity provider, the posted answer."""
    start = client.get("/inloggning/saml/logga-in/", {"next": next_path})
    assert start.status_code == 302, start.content
    page = requests.get(start["Location"], timeout=10).text
    return client.post("/inloggning/saml/svar/", posted_form(page))


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def test_a_linked_user_signs_in_with_the_organisations_identity_provider(
    client, saml_on, caseworker
):
    saml_on.sign_in_as(caseworker.email.upper())
    response = sign_in(client, "/oversikt/")
    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"
    assert signed_in_user_id(client) == str(caseworker.pk)
    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert event.actor == caseworker
    assert event.object_id == str(caseworker.pk)
    assert event.object_label == saml_on.entity_id
    assert [message.to for message in mail.outbox] == [[caseworker.email]]
    assert "Ny inloggning" in mail.outbox[0].subject


def test_an_unknown_person_is_refused_and_not_signed_in(client, saml_on, caseworker):
    saml_on.sign_in_as("okand@kommunen.test")
    users = User.objects.count()
    response = sign_in(client)
    assert response.status_code == 403
    assert "Lotsen har inget konto kopplat till dig" in response.text
    assert signed_in_user_id(client) is None
    assert User.objects.count() == users
    event = AuditEvent.objects.get(action=AuditEvent.Action.DENIED)
    assert event.actor is None
    assert event.reason == "single sign-on refused: no linked user"


def test_the_refusal_is_explained_in_english_too(client, saml_on, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    saml_on.sign_in_as("unknown@municipality.test")
    response = sign_in(client)
    assert response.status_code == 403
    assert "Lotsen has no account linked to you" in response.text


def test_an_accepted_assurance_level_counts_as_the_second_factor(client, saml_on, caseworker):
    saml_on.sign_in_as(caseworker.email)
    sign_in(client)
    assert signed_in_user_id(client) == str(caseworker.pk)
    assert client.get("/oversikt/").status_code == 200
    assert AuditEvent.objects.get().reason == (
        "single sign-on with assurance counted as second factor"
    )


def test_a_lower_assurance_level_signs_in_without_the_second_factor(client, saml_on, caseworker):
    saml_on.sign_in_as(caseworker.email, level=LOA2)
    sign_in(client)
    assert signed_in_user_id(client) == str(caseworker.pk)
    response = client.get("/oversikt/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert AuditEvent.objects.get().reason == ("single sign-on without an accepted assurance level")


def test_signing_in_grants_no_role(client, saml_on, outsider, caseworker):
    memberships = list(Membership.objects.values_list("user", "organisation", "role"))
    for person in (outsider, caseworker):
        client.logout()
        saml_on.sign_in_as(person.email)
        sign_in(client)
        assert signed_in_user_id(client) == str(person.pk)
    assert list(Membership.objects.values_list("user", "organisation", "role")) == memberships
    assert not User.objects.get(pk=outsider.pk).roles


def test_an_answer_changed_after_signing_is_refused(client, saml_on, caseworker):
    saml_on.sign_in_as("okand@kommunen.test", forged_mail=caseworker.email)
    response = sign_in(client)
    assert response.status_code == 403
    assert signed_in_user_id(client) is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.DENIED)
    assert event.reason == "single sign-on refused: response not valid"


def test_only_an_accepted_identity_provider_is_asked(client, saml_on):
    response = client.get("/inloggning/saml/logga-in/", {"idp": "https://idp.other.test"})
    assert response.status_code == 404


def test_a_signed_in_user_is_not_sent_to_the_identity_provider(client, saml_on, outsider):
    client.force_login(outsider)
    response = client.get("/inloggning/saml/logga-in/", {"next": "/oversikt/"})
    assert response.status_code == 302
    assert response["Location"] == "/oversikt/"


def test_an_identity_provider_no_longer_accepted_is_not_believed(
    client, saml_on, settings, caseworker
):
    saml_on.sign_in_as(caseworker.email)
    start = client.get("/inloggning/saml/logga-in/")
    page = requests.get(start["Location"], timeout=10).text
    settings.FEDERATION_SAML_IDPS = {"https://idp.other.test": {"name": "Annan kommun"}}
    response = client.post("/inloggning/saml/svar/", posted_form(page))
    assert response.status_code == 403
    assert signed_in_user_id(client) is None
    event = AuditEvent.objects.get(action=AuditEvent.Action.DENIED)
    assert event.reason == "single sign-on refused: identity provider not accepted"
