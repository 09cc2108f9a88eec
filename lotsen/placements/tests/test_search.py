"""Finding a participant by code, name or personnummer, within what the user may see."""

import pytest

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent

from .. import identity, services
from ..models import Participant, ParticipantIdentity
from .factories import OpeningFactory, enterprise_of, identity_number, propose, register

URL = "/lotsning/deltagare/"


@pytest.fixture
def anna(caseworker):
    return register(caseworker, name="Anna-Karin Öberg", number=identity_number("850312", "123"))


def found_codes(response) -> set[str]:
    return {participant.code for participant in response.context["page"].object_list}


def test_a_name_is_indexed_by_keyed_hashes_of_its_words_never_in_clear(anna, settings):
    record = ParticipantIdentity.objects.get(participant=anna)
    assert "anna" not in record.name_index.lower()
    assert record.name_index.split() == [
        identity.name_word_hash(word) for word in ("anna", "karin", "öberg")
    ]
    settings.IDENTITY_HASH_KEY = "another key"
    assert identity.name_word_hash("anna") not in record.name_index


def test_name_words_ignore_case_hyphens_and_punctuation():
    assert identity.name_words("ANNA-karin  Öberg.") == ["anna", "karin", "öberg"]


@pytest.mark.parametrize(
    "query", ["öberg", "Anna Öberg", "ÖBERG anna-karin", "850312-1230", "198503121230"]
)
def test_the_coordinator_finds_a_participant_by_whole_name_words_or_number(
    client, coordinator, anna, caseworker, query
):
    register(caseworker, name="Anna Svensson")
    client.force_login(coordinator)
    if query[0].isdigit():
        query = str(identity.parse_identity_number(identity_number("850312", "123")))
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert found_codes(response) == {anna.code}
    assert "Anna-Karin Öberg" in response.content.decode()


def test_a_part_of_a_word_finds_nobody_by_name(client, coordinator, anna):
    client.force_login(coordinator)
    assert found_codes(client.get(URL, {"q": "Öber"})) == set()


def test_a_search_that_reveals_an_identity_is_audited_for_each_person_found(
    client, coordinator, anna, caseworker
):
    other = register(caseworker, name="Anna Öberg")
    client.force_login(coordinator)
    client.get(URL, {"q": "Öberg"})
    events = AuditEvent.objects.filter(reason="participant search by name")
    assert {event.object_label for event in events} == {anna.code, other.code}
    assert all(event.actor == coordinator for event in events)
    assert (
        services.audit_chain_verify() is None if hasattr(services, "audit_chain_verify") else True
    )


def test_the_audit_chain_stays_intact_after_a_search(client, coordinator, anna, caseworker):
    from lotsen.audit.services import audit_chain_verify

    register(caseworker, name="Anna Öberg")
    client.force_login(coordinator)
    client.get(URL, {"q": "Öberg"})
    assert audit_chain_verify() is None


def test_a_search_by_code_reveals_nothing_and_is_not_audited_as_such(client, coordinator, anna):
    client.force_login(coordinator)
    response = client.get(URL, {"q": anna.code[3:]})
    assert found_codes(response) == {anna.code}
    # Her whole name: a signed-in person's own generated name may share her surname.
    assert "Anna-Karin Öberg" not in response.content.decode()
    assert not AuditEvent.objects.filter(reason__startswith="participant search").exists()


def test_an_invalid_number_gets_a_clear_message_not_an_error(client, coordinator, anna):
    client.force_login(coordinator)
    valid = identity_number("850312", "123")
    response = client.get(URL, {"q": valid[:-1] + str((int(valid[-1]) + 1) % 10)})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert found_codes(response) == set()


def test_a_caseworker_finds_only_the_participants_of_their_own_party(
    client, caseworker, make_persona, anna
):
    colleague_elsewhere = make_persona(Role.CASEWORKER)
    register(colleague_elsewhere, name="Bertil Öberg")
    client.force_login(caseworker)
    assert found_codes(client.get(URL, {"q": "Öberg"})) == {anna.code}
    client.force_login(colleague_elsewhere)
    assert found_codes(client.get(URL, {"q": "Anna Öberg"})) == set()
    number = str(identity.parse_identity_number(identity_number("850312", "123")))
    assert found_codes(client.get(URL, {"q": number})) == set()


def test_an_enterprise_finds_its_participants_by_code_only(
    client, coordinator, caseworker, enterprise_user, anna
):
    placed = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    ).participant
    ParticipantIdentity.objects.filter(participant=placed).update(
        name_index=identity.name_index("Anna-Karin Öberg")
    )
    client.force_login(enterprise_user)
    assert found_codes(client.get(URL, {"q": "Öberg"})) == set()
    number = str(identity.parse_identity_number(identity_number("850312", "123")))
    response = client.get(URL, {"q": number})
    assert found_codes(response) == set()
    assert "Anna-Karin Öberg" not in response.content.decode()
    assert found_codes(client.get(URL, {"q": placed.code})) == {placed.code}


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.STEERING, Role.ADMIN, "outsider"])
def test_roles_without_person_level_data_cannot_search(client, all_personas, anna, role):
    client.force_login(all_personas[role])
    assert client.get(URL, {"q": "Öberg"}).status_code == 403


def test_an_erased_identity_is_never_found_by_name_or_number(client, coordinator, anna):
    services.participant_withdraw_consent(actor=coordinator, participant=anna)
    client.force_login(coordinator)
    assert found_codes(client.get(URL, {"q": "Öberg"})) == set()
    number = str(identity.parse_identity_number(identity_number("850312", "123")))
    assert found_codes(client.get(URL, {"q": number})) == set()


def test_an_anonymous_participant_is_never_found_by_name(client, coordinator, caseworker):
    from .factories import party_of

    services.participant_register_anonymous(
        actor=caseworker, party=party_of(caseworker), gender="man", start_year=2000
    )
    client.force_login(coordinator)
    assert found_codes(client.get(URL, {"q": "Test"})) == set()
    assert Participant.objects.with_name("Test").count() == 0


def test_a_name_search_needs_as_many_queries_with_more_people_found(
    client, coordinator, caseworker, assert_constant_queries
):
    client.force_login(coordinator)
    assert_constant_queries(
        f"{URL}?q=Öberg",
        lambda n: [register(caseworker, name="Karl Öberg") for _ in range(n)],
        more=5,
    )
