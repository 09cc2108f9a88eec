from collections.abc import Sequence

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from .models import AuditEvent

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
    expected_previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.previous_hash != expected_previous or event.compute_hash() != event.hash:
            return event
        expected_previous = event.hash
    return None
