"""A participant signs in with e-legitimation: broker → code → callback → Mina sidor."""

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY

from lotsen.accounts.models import User
from lotsen.audit.models import AuditEvent
from lotsen.federation.tests.identity_providers import LOA2
from lotsen.placements import services
from lotsen.placements.tests.factories import identity_number, register

from ..models import ParticipantAccount
from .factories import claims_of

pytestmark = pytest.mark.django_db


def sign_in(client):
    start = client.post("/konto/oidc/e-legitimation/login/", {"next": "/mina-sidor/"})
    assert start.status_code == 302, start.content
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    return client.get(answer.headers["Location"])


def refusal_reason() -> str:
    return AuditEvent.objects.get(action=AuditEvent.Action.DENIED).reason


def test_the_start_page_offers_the_e_legitimation(client, participants_broker):
    page = client.get("/mina-sidor/")
    assert page.status_code == 200
    assert "Logga in med BankID" in page.text
    assert 'action="/konto/oidc/e-legitimation/login/"' in page.text


def test_the_staff_login_does_not_offer_the_participants_provider(client, participants_broker):
    assert "BankID" not in client.get("/konto/login/").text


def test_a_participant_signs_in_and_gets_a_user_without_password(
    client, participants_broker, caseworker
):
    number = identity_number()
    participant = register(caseworker, number=number)
    participants_broker.sign_in_as(claims_of(number))
    response = sign_in(client)
    assert response.status_code == 302
    assert response["Location"] == "/mina-sidor/"
    account = ParticipantAccount.objects.get(participant=participant)
    assert client.session[SESSION_KEY] == str(account.user.pk)
    assert not account.user.has_usable_password()
    assert not account.user.roles
    assert participant.code.lower() in account.user.email
    page = client.get("/mina-sidor/")
    assert page.status_code == 200
    assert "Mitt arbete" in page.text or "arbetsträning" in page.text.lower()
    created = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, actor=account.user)
    assert created.object_label == participant.code
    signed_in = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN)
    assert signed_in.actor == account.user


def test_the_second_sign_in_uses_the_same_user(client, participants_broker, caseworker):
    number = identity_number()
    register(caseworker, number=number)
    participants_broker.sign_in_as(claims_of(number))
    sign_in(client)
    client.logout()
    sign_in(client)
    assert User.objects.filter(participant_account__isnull=False).count() == 1
    assert SocialAccount.objects.count() == 1


def test_a_personnummer_of_nobody_is_refused_and_changes_nothing(client, participants_broker):
    participants_broker.sign_in_as(claims_of(identity_number()))
    users = User.objects.count()
    response = sign_in(client)
    assert response.status_code == 403
    assert "Lotsen har inga uppgifter om dig" in response.text
    assert SESSION_KEY not in client.session
    assert User.objects.count() == users
    assert not SocialAccount.objects.exists()
    assert refusal_reason() == "participant sign-in refused: no participant matches"
    assert identity_number()[:6] not in "".join(AuditEvent.objects.values_list("reason", flat=True))


def test_a_participant_erased_by_retention_is_refused(client, participants_broker, caseworker):
    number = identity_number()
    participant = register(caseworker, number=number)
    participants_broker.sign_in_as(claims_of(number))
    sign_in(client)
    client.logout()
    identity = participant.identity
    identity.erase()
    identity.save()
    response = sign_in(client)
    assert response.status_code == 403
    assert "har tagits bort" in response.text
    assert SESSION_KEY not in client.session
    assert refusal_reason() == "participant sign-in refused: identity erased"


def test_a_participant_who_withdrew_all_consent_cannot_sign_in(
    client, participants_broker, caseworker
):
    number = identity_number()
    participant = register(caseworker, number=number)
    services.participant_withdraw_consent(actor=caseworker, participant=participant)
    participants_broker.sign_in_as(claims_of(number))
    assert sign_in(client).status_code == 403


def test_a_lower_assurance_is_refused(client, participants_broker, caseworker):
    number = identity_number()
    register(caseworker, number=number)
    participants_broker.sign_in_as(claims_of(number), acr=LOA2)
    response = sign_in(client)
    assert response.status_code == 403
    assert not ParticipantAccount.objects.exists()
    assert refusal_reason() == "participant sign-in refused: assurance too low"


def test_a_login_without_the_claim_is_refused(client, participants_broker):
    participants_broker.sign_in_as({"sub": "x", "email": "a@example.test"})
    assert sign_in(client).status_code == 403
