"""The data-subject extract (registerutdrag) tells who has seen the person's data."""

import datetime
import json

import time_machine
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.audit.services import audit_event_record
from lotsen.organisations.tests.factories import OrganisationFactory

from .factories import register


def _export_url(participant) -> str:
    return f"/lotsning/deltagare/{participant.code}/registerutdrag/"


def test_the_extract_lists_who_viewed_the_person_and_when(client, coordinator, caseworker):
    moment = (timezone.now() - datetime.timedelta(days=3)).replace(microsecond=0)
    with time_machine.travel(moment, tick=False):
        participant = register(caseworker, name="Export Person")
        client.force_login(caseworker)
        assert client.get(participant.get_absolute_url()).status_code == 200

    client.force_login(coordinator)
    data = json.loads(client.get(_export_url(participant)).content)

    viewed = [row for row in data["access_history"] if row["action"] == "Visad"]
    assert viewed == [
        {
            "when": timezone.localtime(moment).isoformat(),
            "who": caseworker.get_full_name(),
            "organisation": caseworker.memberships.get().organisation.name,
            "action": "Visad",
            "reason": "deltagarsidan med identitetsuppgifter",
        }
    ]
    # Nothing in the history names the person.
    assert "Export Person" not in json.dumps(data["access_history"])


def test_the_extract_explains_the_history_in_the_readers_language(
    client, coordinator, caseworker, settings
):
    participant = register(caseworker)
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    data = json.loads(client.get(_export_url(participant)).content)

    created = data["access_history"][0]
    assert (created["action"], created["reason"]) == ("Created", "registered with consent")


def test_an_automatic_erasure_is_shown_without_a_person(client, coordinator, caseworker):
    participant = register(caseworker)
    audit_event_record(
        actor=None,
        action="erase",
        target=participant,
        label=participant.code,
        reason="retention period ended",
    )
    client.force_login(coordinator)

    data = json.loads(client.get(_export_url(participant)).content)

    erased = data["access_history"][-1]
    assert (erased["who"], erased["organisation"]) == ("Lotsen, automatiskt", "")


def test_the_history_of_another_person_is_not_included(client, coordinator, caseworker):
    participant = register(caseworker)
    other = register(caseworker)
    client.force_login(caseworker)
    client.get(other.get_absolute_url())
    client.force_login(coordinator)

    data = json.loads(client.get(_export_url(participant)).content)

    assert not [row for row in data["access_history"] if row["action"] == "Visad"]


def test_an_outsider_gets_no_extract(client, enterprise_user, caseworker):
    participant = register(caseworker)
    client.force_login(enterprise_user)
    assert client.get(_export_url(participant)).status_code == 403


def test_the_extract_takes_as_many_queries_with_a_longer_history(
    client, coordinator, caseworker, make_persona, assert_constant_queries
):
    participant = register(caseworker)
    client.force_login(coordinator)

    def add(n: int) -> None:
        for _ in range(n):
            viewer = make_persona(Role.CASEWORKER, organisation=OrganisationFactory(kind="party"))
            audit_event_record(
                actor=viewer,
                action="view",
                target=participant,
                label=participant.code,
                reason="participant page",
            )

    assert_constant_queries(_export_url(participant), add)
