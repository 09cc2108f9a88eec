"""The partner API as its specification: a party's system sees and does exactly what its
caseworkers may, every call is audited and counted, and bad input answers 4xx problems."""

import datetime
import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.placements import services as placements
from lotsen.placements.models import Participant, Referral
from lotsen.placements.tests.factories import (
    OpeningFactory,
    enterprise_of,
    identity_number,
    register,
    to_matching,
    write_agreement,
)

from .. import services
from ..models import IdempotentWrite

pytestmark = pytest.mark.django_db

LIST = "/api/v1/partner/referrals/"


def detail(pk: int) -> str:
    return f"{LIST}{pk}"


def person(**changes) -> dict:
    body = {
        "personnummer": identity_number(),
        "name": "Test Testsson",
        "phone": "070-123 45 67",
        "email": "test@example.test",
        "gender": "woman",
        "municipality": "2580",
        "consent_scope": "placement",
        "consent_date": timezone.localdate().isoformat(),
        "reason": "Komma tillbaka till arbete.",
    }
    return {**body, **changes}


def send(api, body: dict, key: str = "anvisning-1", **headers):
    return api.post(
        LIST,
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **headers,
    )


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["detail"]
    return problem


# ---------------------------------------------------------------- scope


@pytest.fixture
def other_caseworker(make_persona):
    return make_persona(Role.CASEWORKER, email="annan@example.test")


def test_a_key_sees_its_own_partys_referrals_and_no_others(api, caseworker, other_caseworker):
    own = register(caseworker).referrals.get()
    others = register(other_caseworker).referrals.get()
    listed = api.get(LIST)
    assert listed.status_code == 200
    # Personal data: kept out of every cache, unlike the public API's answers.
    assert listed["Cache-Control"] == "no-store, private"
    assert [row["id"] for row in listed.json()["results"]] == [own.pk]
    assert api.get(detail(own.pk)).json()["participant"] == own.participant.code
    assert_problem(api.get(detail(others.pk)), 404)


def test_a_key_never_sees_more_than_a_caseworker_of_its_party(
    api, caseworker, other_caseworker, key_and_secret
):
    register(caseworker)
    register(other_caseworker)
    service_user = key_and_secret[0].identity.user
    seen_by_key = {row["id"] for row in api.get(LIST).json()["results"]}
    seen_by_caseworker = set(Referral.objects.visible_to(caseworker).values_list("pk", flat=True))
    assert seen_by_key == seen_by_caseworker
    assert set(Referral.objects.visible_to(service_user).values_list("pk", flat=True)) == (
        seen_by_caseworker
    )


def test_the_list_filters_by_status_and_change_time(api, caseworker, coordinator):
    received = register(caseworker).referrals.get()
    declined = register(caseworker).referrals.get()
    placements.referral_set_status(
        actor=coordinator, referral=declined, status="declined", decline_reason="Annan insats"
    )
    assert [r["id"] for r in api.get(LIST, {"status": "declined"}).json()["results"]] == [
        declined.pk
    ]
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert api.get(LIST, {"changed_since": later}).json()["results"] == []
    assert received.pk in {r["id"] for r in api.get(LIST).json()["results"]}
    assert_problem(api.get(LIST, {"status": "lost"}), 400)
    assert_problem(api.get(LIST, {"changed_since": "igår"}), 400)


def test_the_list_needs_as_many_queries_with_more_referrals(api, caseworker):
    register(caseworker)
    register(caseworker)
    api.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for _ in range(6):
        register(caseworker)
    for number in range(3):  # sent by the system, so its account is their caseworker
        assert send(api, person(), key=f"k{number}").status_code == 201
    with CaptureQueriesContext(connection) as many:
        assert api.get(LIST).status_code == 200
    assert len(many) == len(few)


# ---------------------------------------------------------------- the door


def test_no_key_is_refused(client):
    problem = assert_problem(client.get(LIST), 401)
    assert problem["instance"] == LIST


def test_a_revoked_key_is_refused(api, coordinator, key_and_secret):
    key = key_and_secret[0]
    services.api_key_revoke(actor=coordinator, key=key)
    assert_problem(api.get(LIST), 401)
    refused = AuditEvent.objects.get(reason="partner API call refused")
    assert refused.actor is None and refused.action == "denied"
    assert refused.object_label == f"{key.prefix} GET {LIST} 401"


def test_a_signed_in_person_is_no_key(client, caseworker):
    client.force_login(caseworker)
    assert_problem(client.get(LIST), 401)


def test_calls_beyond_the_rate_are_refused_with_retry_after(api, settings):
    settings.PARTNER_API_RATE = "2/minute"
    cache.clear()
    assert api.get(LIST).status_code == 200
    assert api.get(LIST).status_code == 200
    refused = api.get(LIST)
    assert_problem(refused, 429)
    assert int(refused["Retry-After"]) > 0


def test_every_call_is_audited(api, caseworker, key_and_secret):
    key = key_and_secret[0]
    referral = register(caseworker).referrals.get()
    before = AuditEvent.objects.count()
    api.get(detail(referral.pk))
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [(e.action, e.reason) for e in events] == [
        ("view", "referral read by a partner system"),
        ("view", "partner API call"),
    ]
    assert all(e.actor == key.identity.user for e in events)
    assert events[0].object_id == str(referral.pk)
    assert events[1].object_label == f"{key.prefix} GET {detail(referral.pk)} 200"


# ---------------------------------------------------------------- sending a referral


def test_a_referral_registers_a_new_person_with_consent(api, key_and_secret, party):
    response = send(api, person())
    assert response.status_code == 201, response.content
    referral = Referral.objects.get(pk=response.json()["id"])
    assert response["Location"].endswith(detail(referral.pk))
    assert referral.referring_party == party
    assert referral.caseworker == key_and_secret[0].identity.user
    assert referral.participant.consent_given
    assert referral.participant.consent_scope == "placement"
    assert referral.participant.start_year == timezone.localdate().year
    assert response.json()["status"] == "received"


def declined(caseworker, coordinator, number: str) -> Participant:
    """A participant of the party whose only referral was declined: no episode under way."""
    participant = register(caseworker, number=number)
    placements.referral_set_status(
        actor=coordinator,
        referral=participant.referrals.get(),
        status="declined",
        decline_reason="Annan insats",
    )
    return participant


def test_a_known_participant_of_the_party_gets_a_new_episode(api, caseworker, coordinator):
    number = identity_number()
    participant = declined(caseworker, coordinator, number)
    response = send(api, {"personnummer": number, "name": "Test Testsson"})
    assert response.status_code == 201, response.content
    assert participant.referrals.count() == 2
    assert response.json()["participant"] == participant.code


def test_a_participant_with_an_episode_under_way_is_refused(api, caseworker):
    number = identity_number()
    register(caseworker, number=number)
    problem = assert_problem(send(api, {"personnummer": number, "name": "T"}), 409)
    assert "under way" in problem["detail"]


def test_a_person_of_another_party_is_refused_without_their_code(api, other_caseworker):
    number = identity_number()
    other = register(other_caseworker, number=number)
    problem = assert_problem(send(api, person(personnummer=number)), 409)
    assert other.code not in json.dumps(problem)
    assert other.referrals.count() == 1


def test_the_same_idempotency_key_and_body_replays_the_answer(api):
    body = person()
    first = send(api, body)
    again = send(api, body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Referral.objects.count() == 1


def test_the_same_idempotency_key_with_another_body_is_refused(api):
    send(api, person())
    problem = assert_problem(send(api, person(name="Annan Person")), 422)
    assert "Idempotency-Key" in problem["detail"]
    assert Referral.objects.count() == 1


def test_an_idempotency_key_is_kept_for_a_day(api, settings):
    body = person()
    send(api, body)
    IdempotentWrite.objects.update(
        created_at=timezone.now() - datetime.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)
    )
    # Past its time the key is free again: the same person is then under way, refused.
    assert_problem(send(api, body), 409)
    assert services.idempotent_writes_purge() == 1
    assert not IdempotentWrite.objects.exists()


def test_a_write_without_an_idempotency_key_is_refused(api):
    response = api.post(LIST, json.dumps(person()), content_type="application/json")
    problem = assert_problem(response, 400)
    assert problem["errors"][0]["field"] == "Idempotency-Key"
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"personnummer": "19850312-1235"}, "personnummer"),
        ({"personnummer": "abc"}, "personnummer"),
        ({"personnummer": "1985-03-12"}, "personnummer"),
        ({"municipality": "9999"}, "municipality"),
        ({"consent_scope": "everything"}, "consent_scope"),
        ({"phone": "12"}, "phone"),
        ({"referring_party": "123"}, "referring_party"),
        ({"referring_party": "556036-0793"}, "referring_party"),
    ],
)
def test_bad_input_is_refused_with_the_field_and_nothing_is_kept(api, changes, field):
    problem = assert_problem(send(api, person(**changes)), 400)
    assert field in {error["field"] for error in problem["errors"]}
    assert not Participant.objects.exists()
    assert not IdempotentWrite.objects.exists()


def test_a_new_person_needs_consent_and_the_registration_details(api):
    problem = assert_problem(send(api, {"personnummer": identity_number(), "name": "T"}), 400)
    assert {e["field"] for e in problem["errors"]} == {
        "gender",
        "municipality",
        "consent_scope",
        "consent_date",
    }


def test_the_partys_own_org_number_is_accepted(api, party):
    response = send(api, person(referring_party=party.org_number))
    assert response.status_code == 201, response.content


def test_a_problem_is_in_the_callers_language(api):
    response = send(api, person(personnummer="abc"), HTTP_ACCEPT_LANGUAGE="sv")
    problem = assert_problem(response, 400)
    assert "inte ett giltigt personnummer" in json.dumps(problem, ensure_ascii=False)
    assert response["Content-Language"] == "sv"


@pytest.mark.parametrize("body", ["", "{", "[]", "null", '{"personnummer": 5}'])
def test_a_body_that_is_no_referral_is_a_4xx(api, body):
    response = api.post(LIST, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/problem+json")


def test_the_schema_describes_the_partner_api_and_its_key(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["securitySchemes"]["partnerApiKey"]["scheme"] == "bearer"
    send_referral = schema["paths"][LIST]["post"]
    assert send_referral["security"] == [{"partnerApiKey": []}]
    assert {"201", "400", "401", "409", "422", "429"} <= set(send_referral["responses"])
    header = next(p for p in send_referral["parameters"] if p["name"] == "Idempotency-Key")
    assert header["in"] == "header" and header["required"]
    assert schema["paths"][LIST + "{id}"]["get"]["security"] == [{"partnerApiKey": []}]


def test_a_system_looks_up_personnummer_no_more_than_a_caseworker(api, settings):
    settings.IDENTITY_LOOKUP_LIMIT = 1
    assert send(api, person(), key="a").status_code == 201
    refused = send(api, person(), key="b")
    problem = assert_problem(refused, 429)
    assert "personnummer" in problem["detail"]
    assert int(refused["Retry-After"]) == settings.IDENTITY_LOOKUP_WINDOW_SECONDS
    assert Referral.objects.count() == 1
    assert AuditEvent.objects.filter(
        action="denied", reason="look-up by personnummer over the limit (registration)"
    ).exists()


# ---------------------------------------------------------------- the caseworker responsible


@pytest.fixture
def colleague(make_persona, party):
    """A second caseworker of the key's party."""
    return make_persona(Role.CASEWORKER, organisation=party, email="kollega@example.test")


def test_a_named_caseworker_of_the_party_is_responsible_for_the_referral(
    api, colleague, key_and_secret
):
    response = send(api, person(caseworker="Kollega@Example.test"))
    assert response.status_code == 201, response.content
    referral = Referral.objects.get(pk=response.json()["id"])
    assert referral.caseworker == colleague
    assert response.json()["caseworker"] == colleague.email
    # The system sent it: the audit trail says so.
    received = AuditEvent.objects.get(reason="referral received")
    assert received.actor == key_and_secret[0].identity.user


def test_a_known_participant_gets_a_new_episode_with_the_named_caseworker(
    api, caseworker, colleague, coordinator
):
    number = identity_number()
    declined(caseworker, coordinator, number)
    response = send(api, {"personnummer": number, "name": "T", "caseworker": colleague.email})
    assert response.status_code == 201, response.content
    assert Referral.objects.get(pk=response.json()["id"]).caseworker == colleague


def test_a_referral_naming_nobody_says_so(api):
    response = send(api, person())
    assert response.status_code == 201, response.content
    assert response.json()["caseworker"] is None
    listed = api.get(LIST).json()["results"]
    assert [row["caseworker"] for row in listed] == [None]


@pytest.fixture(
    params=["unknown", "of_another_party", "inactive", "not_a_caseworker", "the_system_itself"]
)
def not_responsible(request, make_persona, party, other_caseworker, key_and_secret) -> str:
    """The e-mail address of someone who cannot be responsible for the party's referral."""
    match request.param:
        case "unknown":
            return "finns.inte@example.test"
        case "of_another_party":
            return other_caseworker.email
        case "inactive":
            return make_persona(
                Role.CASEWORKER, organisation=party, email="slutat@example.test", is_active=False
            ).email
        case "not_a_caseworker":
            return make_persona(Role.STEERING, organisation=party, email="styr@example.test").email
        case _:
            return key_and_secret[0].identity.user.email


def test_a_caseworker_who_cannot_be_responsible_is_refused_and_nothing_is_kept(
    api, party, not_responsible
):
    problem = assert_problem(send(api, person(caseworker=not_responsible)), 400)
    [error] = problem["errors"]
    assert error["field"] == "caseworker"
    assert error["detail"] == (
        f"{party.name} has no active caseworker in Lotsen with this e-mail address."
    )
    assert not Participant.objects.exists()
    assert not Referral.objects.exists()
    assert not IdempotentWrite.objects.exists()


def test_the_refusal_of_a_caseworker_is_in_swedish_too(api, party):
    response = send(api, person(caseworker="finns.inte@example.test"), HTTP_ACCEPT_LANGUAGE="sv")
    problem = assert_problem(response, 400)
    assert problem["errors"][0]["detail"] == (
        f"{party.name} har ingen aktiv handläggare i Lotsen med den här e-postadressen."
    )


# ---------------------------------------------------------------- e-mails on later steps


@pytest.fixture
def to_agreement(coordinator, enterprise_user, django_capture_on_commit_callbacks):
    """Take a referral the system sent to an agreement that waits for the parties'
    approval, running the e-mails left for after the commit as production does."""

    def run(referral_id: int):
        referral = to_matching(Referral.objects.get(pk=referral_id), coordinator)
        opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
        placement = placements.placement_propose(
            actor=coordinator, referral=referral, opening=opening
        )
        placements.placement_accept(actor=enterprise_user, placement=placement)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            write_agreement(placement, coordinator, start=timezone.localdate())
        return sorted(address for message in mail.outbox for address in message.to)

    return run


def test_the_agreement_is_sent_to_the_named_caseworker(
    api, caseworker, colleague, enterprise_user, to_agreement
):
    referral = send(api, person(caseworker=colleague.email)).json()
    assert to_agreement(referral["id"]) == sorted([colleague.email, enterprise_user.email])


def test_naming_nobody_the_agreement_goes_to_the_partys_caseworkers_not_the_system(
    api, caseworker, colleague, enterprise_user, to_agreement
):
    referral = send(api, person()).json()
    recipients = to_agreement(referral["id"])
    assert recipients == sorted([caseworker.email, colleague.email, enterprise_user.email])
    assert not any(address.endswith(".invalid") for address in recipients)
