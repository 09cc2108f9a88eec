import logging
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from .checkpoints import Checkpoint, checkpoint_append, checkpoints_read
from .models import AuditEvent

logger = logging.getLogger(__name__)

GENESIS_HASH = "0" * 64
# Any constant works; it names the advisory lock that serialises appends on PostgreSQL.
_CHAIN_LOCK_ID = 7_462_001


def audit_event_record(
    *,
    actor,
    action: str,
    target: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    label: str = "",
    reason: str = "",
) -> AuditEvent:
    """Append one event to the chain: who did what to which object, and why."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    event = _new_event(actor, action, object_type, object_id, label, reason)
    return _append([event])[0]


def audit_events_record(
    *, actor, action: str, targets: Sequence[Model], labels: Sequence[str], reason: str = ""
) -> list[AuditEvent]:
    """Append one event per target in one step, so a page of search results that
    reveals several people costs as few queries as one event does."""
    return _append(
        [
            _new_event(actor, action, target._meta.label_lower, str(target.pk), label, reason)
            for target, label in zip(targets, labels, strict=True)
        ]
    )


def _new_event(actor, action, object_type, object_id, label, reason) -> AuditEvent:
    return AuditEvent(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=label[:200],
        reason=reason[:300],
    )


def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    if not events:
        return events
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two appends must not both chain onto the same predecessor.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        for event in events:
            event.previous_hash = previous or GENESIS_HASH
            event.hash = previous = event.compute_hash()
        if len(events) == 1:
            events[0].save()
        else:
            AuditEvent.objects.bulk_create(events)
    return events


def audit_chain_verify(batch_size: int = 2000) -> AuditEvent | None:
    """Return the first event whose content or link does not match, or None if intact."""
    return next((event for _, event, intact in _walk(batch_size) if not intact), None)


def audit_checkpoint_write() -> Checkpoint:
    """Sign the trail's current length and head, and keep them outside the database:
    appended to the checkpoint store and written to the log."""
    head = AuditEvent.objects.order_by("-id").only("id", "hash").first()
    # Appends are serialised and commit in id order, so the count up to the head is exact.
    count = AuditEvent.objects.filter(id__lte=head.id).count() if head else 0
    checkpoint = Checkpoint(
        written_at=timezone.now().isoformat(),
        count=count,
        head_hash=head.hash if head else GENESIS_HASH,
    ).signed()
    checkpoint_append(checkpoint)
    logger.info(
        "audit checkpoint: %s events, head %s",
        checkpoint.count,
        checkpoint.head_hash,
        extra={"audit_checkpoint": asdict(checkpoint)},
    )
    return checkpoint


def audit_trail_verify(batch_size: int = 2000) -> tuple[list[str], int, int]:
    """Check the chain and compare it with every signed checkpoint.

    Return what is wrong (empty if nothing), the number of events and the number
    of checkpoints compared."""
    checkpoints, findings = checkpoints_read()
    expected_at = defaultdict(list)
    for checkpoint in checkpoints:
        expected_at[checkpoint.count].append(checkpoint)
    length = 0
    for length, event, intact in _walk(batch_size):
        if not intact:
            findings.append(
                f"The audit trail is broken at event {event.pk} "
                f"({event.occurred_at:%Y-%m-%d %H:%M:%S})."
            )
        findings.extend(
            f"Event {event.pk} is not the event the checkpoint of {checkpoint.written_at} "
            f"signed as number {length}."
            for checkpoint in expected_at[length]
            if checkpoint.head_hash != event.hash
        )
    findings.extend(
        f"The audit trail has {length} events, fewer than the {checkpoint.count} "
        f"of the checkpoint of {checkpoint.written_at}."
        for checkpoint in checkpoints
        if checkpoint.count > length
    )
    return findings, length, len(checkpoints)


def _walk(batch_size: int) -> Iterator[tuple[int, AuditEvent, bool]]:
    """Yield each event with its position in the chain and whether it is intact: its
    hash matches its content and its link matches the event before it. Events of the
    unkeyed chain may only come before the first keyed one (decision 0182)."""
    expected_previous = GENESIS_HASH
    keyed = False
    events = AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size)
    for position, event in enumerate(events, start=1):
        downgraded = keyed and event.chain_version == AuditEvent.CHAIN_SHA256
        keyed = keyed or event.chain_version != AuditEvent.CHAIN_SHA256
        intact = (
            not downgraded
            and event.previous_hash == expected_previous
            and event.compute_hash() == event.hash
        )
        yield position, event, intact
        expected_previous = event.hash
