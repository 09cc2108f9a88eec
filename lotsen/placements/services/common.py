"""What the pilot function's workflows share: the audit record and the placement lock,
and opening a referral, which registration does too."""

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record

from ..models import Participant, Placement, Referral


def audit(actor, action: str, target, reason: str = "") -> None:
    participant = (
        getattr(target, "participant", None) if not isinstance(target, Participant) else target
    )
    audit_event_record(
        actor=actor,
        action=action,
        target=target,
        label=participant.code if participant is not None else str(target.pk),
        reason=reason,
    )


def _referral_open(
    *, actor, participant: Participant, party, reason: str, caseworker=None, support_request=None
) -> Referral:
    referral = Referral.objects.create(
        participant=participant,
        referring_party=party,
        caseworker=caseworker or actor,
        reason=reason,
        support_request=support_request,
    )
    audit(actor, AuditEvent.Action.CREATE, referral, "referral received")
    return referral


def _lock_placement(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update()
        .select_related("referral__participant")
        .get(pk=placement.pk)
    )
