"""Each attack on the audit trail, and how verification finds it (decision 0182)."""

import hashlib
import hmac
import json
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from lotsen.audit.checkpoints import FILE_NAME, checkpoints_read
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import (
    audit_chain_verify,
    audit_checkpoint_write,
    audit_event_record,
    audit_trail_verify,
)

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers and roles exist on PostgreSQL only"
)


def _record(actor, count: int) -> list[AuditEvent]:
    return [
        audit_event_record(actor=actor, action="view", object_type="x", object_id=str(n))
        for n in range(count)
    ]


def _as_the_database_owner(sql: str, params=()) -> None:
    """Run SQL as someone who can switch the append-only triggers off could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def _rechain_from(event: AuditEvent, hash_of) -> None:
    """Recompute every hash from `event` on with `hash_of(event)`, as a forger would."""
    previous = event.previous_hash
    for later in AuditEvent.objects.filter(id__gte=event.pk).order_by("id"):
        later.previous_hash = previous
        previous = hash_of(later)
        _as_the_database_owner(
            "UPDATE audit_auditevent SET previous_hash = %s, hash = %s, reason = %s, "
            "chain_version = %s WHERE id = %s",
            [later.previous_hash, previous, later.reason, later.chain_version, later.pk],
        )


def test_it_verifies_a_built_trail_against_its_checkpoints(coordinator):
    _record(coordinator, 3)
    call_command("audit_checkpoint", stdout=StringIO())
    _record(coordinator, 2)
    call_command("audit_checkpoint", stdout=StringIO())
    _record(coordinator, 1)

    out = StringIO()
    call_command("verify_audit_trail", stdout=out)

    assert "intact: 6 events, matching 2 signed checkpoints" in out.getvalue()


def test_verification_warns_when_no_checkpoint_was_ever_written(coordinator):
    _record(coordinator, 1)
    out, err = StringIO(), StringIO()
    call_command("verify_audit_trail", stdout=out, stderr=err)
    assert "intact: 1 events" in out.getvalue()
    assert "No checkpoint in" in err.getvalue()


def test_a_checkpoint_is_signed_appended_to_its_store_and_logged(
    coordinator, checkpoint_dir, caplog
):
    events = _record(coordinator, 2)
    with caplog.at_level(logging.INFO, logger="lotsen.audit.services"):
        audit_checkpoint_write()
        audit_checkpoint_write()

    lines = (checkpoint_dir / FILE_NAME).read_text().splitlines()
    assert len(lines) == 2
    stored = json.loads(lines[0])
    assert stored["count"] == 2
    assert stored["head_hash"] == events[-1].hash
    assert len(stored["signature"]) == 64
    logged = [record.audit_checkpoint for record in caplog.records]
    assert logged[0] == stored


def test_a_checkpoint_of_an_empty_trail_is_kept_too(db):
    checkpoint = audit_checkpoint_write()
    assert checkpoint.count == 0
    assert audit_trail_verify() == ([], 0, 1)


def test_deleting_the_last_rows_is_caught_by_the_checkpoint(coordinator):
    events = _record(coordinator, 4)
    audit_checkpoint_write()
    _as_the_database_owner("DELETE FROM audit_auditevent WHERE id >= %s", [events[2].pk])

    # The shortened chain is still a valid chain: only the checkpoint knows better.
    assert audit_chain_verify() is None
    with pytest.raises(CommandError, match="has 2 events, fewer than the 4 of the checkpoint"):
        call_command("verify_audit_trail")


def test_replacing_the_last_rows_is_caught_by_the_hash_at_the_checkpoint(coordinator):
    events = _record(coordinator, 3)
    audit_checkpoint_write()
    _as_the_database_owner("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    replacement = audit_event_record(actor=coordinator, action="view", object_type="y")

    findings, _, _ = audit_trail_verify()

    assert findings == [
        f"Event {replacement.pk} is not the event the checkpoint of "
        f"{_only_checkpoint_time()} signed as number 3."
    ]


def _only_checkpoint_time() -> str:
    (checkpoint,), _ = checkpoints_read()
    return checkpoint.written_at


def test_editing_a_row_and_recomputing_the_chain_without_the_key_is_caught(coordinator):
    events = _record(coordinator, 4)
    edited = AuditEvent.objects.get(pk=events[1].pk)
    edited.reason = "efterhandskonstruktion"
    _as_the_database_owner(
        "UPDATE audit_auditevent SET reason = %s WHERE id = %s", [edited.reason, edited.pk]
    )

    def guessed_key(event):
        return hmac.new(b"a guessed key", event._chained_content(), hashlib.sha256).hexdigest()

    _rechain_from(edited, guessed_key)

    assert audit_chain_verify().pk == edited.pk
    with pytest.raises(CommandError, match=f"broken at event {edited.pk}"):
        call_command("verify_audit_trail")


def test_recomputing_the_whole_chain_as_the_old_unkeyed_kind_is_caught_by_the_checkpoint(
    coordinator,
):
    events = _record(coordinator, 3)
    audit_checkpoint_write()
    first = AuditEvent.objects.get(pk=events[0].pk)
    first.reason = "efterhandskonstruktion"
    first.chain_version = AuditEvent.CHAIN_SHA256

    def plain_sha256(event):
        event.chain_version = AuditEvent.CHAIN_SHA256
        return event.compute_hash()

    _rechain_from(first, plain_sha256)

    findings, _, _ = audit_trail_verify()
    assert len(findings) == 1
    assert "signed as number 3" in findings[0]


def test_old_unkeyed_events_verify_only_before_the_first_keyed_one(coordinator):
    events = _record(coordinator, 3)

    def plain_sha256(event):
        event.chain_version = AuditEvent.CHAIN_SHA256
        return event.compute_hash()

    # The events written before the keyed chain existed.
    _rechain_from(AuditEvent.objects.get(pk=events[0].pk), plain_sha256)
    _record(coordinator, 2)
    assert audit_chain_verify() is None

    # A keyed event turned back into an unkeyed one is a break in the chain.
    last = AuditEvent.objects.order_by("-id").first()
    _rechain_from(last, plain_sha256)
    assert audit_chain_verify().pk == last.pk


def test_a_forged_or_damaged_checkpoint_is_reported(coordinator, checkpoint_dir):
    _record(coordinator, 2)
    audit_checkpoint_write()
    store = checkpoint_dir / FILE_NAME
    forged = json.loads(store.read_text())
    forged["count"] = 1
    with open(store, "a") as lines:
        lines.write(json.dumps(forged) + "\n")
        lines.write("not json\n")

    findings, events, checkpoints = audit_trail_verify()

    assert (events, checkpoints) == (2, 1)
    assert findings[0].startswith("The checkpoint on line 2 of")
    assert findings[0].endswith("has a false signature.")
    assert findings[1].startswith("Line 3 of")


@only_on_postgresql
def test_postgresql_refuses_to_truncate_the_trail(coordinator):
    _record(coordinator, 1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The recorded event's deferred foreign-key check must not be what stops it.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The suite's connection may flush the trail between tests; this one may not.
        cursor.execute("SET LOCAL lotsen.audit_truncate_allowed = off")
        cursor.execute("TRUNCATE audit_auditevent CASCADE")
    assert AuditEvent.objects.count() == 1


@only_on_postgresql
def test_the_application_role_cannot_switch_the_triggers_off(db):
    # The role exists only inside this transaction (CREATE ROLE is transactional).
    with (
        pytest.raises(DatabaseError, match="must be owner"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("CREATE ROLE lotsen_audit_test_application NOLOGIN")
        cursor.execute("GRANT SELECT, INSERT ON audit_auditevent TO lotsen_audit_test_application")
        cursor.execute("SET LOCAL ROLE lotsen_audit_test_application")
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
