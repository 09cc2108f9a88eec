from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from lotsen.audit.models import AppendOnlyError, AuditEvent
from lotsen.audit.services import (
    GENESIS_HASH,
    audit_chain_verify,
    audit_event_record,
    audit_events_record,
)
from lotsen.organisations.tests.factories import OrganisationFactory


def test_events_are_chained_one_to_the_next(coordinator):
    first = audit_event_record(
        actor=coordinator,
        action="view",
        object_type="placements.participant",
        object_id="1",
        label="D-0001",
    )
    second = audit_event_record(
        actor=coordinator, action="change", target=OrganisationFactory(), reason="rättning"
    )
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert second.object_type == "organisations.organisation"
    assert audit_chain_verify() is None


def test_events_for_several_objects_are_chained_in_one_step(
    coordinator, django_assert_max_num_queries
):
    first = audit_event_record(actor=coordinator, action="view", label="before")
    organisations = OrganisationFactory.create_batch(3)
    # On PostgreSQL one more: the advisory lock that keeps two appends from forking the chain.
    with django_assert_max_num_queries(5 if connection.vendor == "postgresql" else 4):
        events = audit_events_record(
            actor=coordinator,
            action="view",
            targets=organisations,
            labels=["a", "b", "c"],
            reason="search",
        )
    assert [event.previous_hash for event in events] == [first.hash, *[e.hash for e in events[:2]]]
    assert [event.object_id for event in events] == [str(org.pk) for org in organisations]
    assert audit_chain_verify() is None
    assert audit_events_record(actor=coordinator, action="view", targets=[], labels=[]) == []


def test_an_event_can_be_neither_changed_nor_deleted_through_the_application(coordinator):
    event = audit_event_record(actor=coordinator, action="view", object_type="x", object_id="1")
    event.reason = "efterhandskonstruktion"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def _rewrite_reason_behind_the_applications_back(event_id: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # As a database superuser could: switch triggers off for this session.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE audit_auditevent SET reason = 'ändrad' WHERE id = %s", [event_id])


def test_tampering_in_the_database_is_detected_by_the_verification(coordinator):
    events = [
        audit_event_record(actor=coordinator, action="view", object_type="x", object_id=str(n))
        for n in range(3)
    ]
    call_command("verify_audit_trail", stdout=StringIO())
    _rewrite_reason_behind_the_applications_back(events[1].pk)
    assert audit_chain_verify().pk == events[1].pk
    with pytest.raises(CommandError, match=f"broken at event {events[1].pk}"):
        call_command("verify_audit_trail")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_itself_refuses_to_rewrite_an_event(coordinator):
    event = audit_event_record(actor=coordinator, action="view", object_type="x", object_id="1")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
