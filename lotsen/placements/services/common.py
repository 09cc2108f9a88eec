"""What the pilot function's workflows share: the audit record and the placement lock,
and opening a referral, which registration does too."""

from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.core.workflow import TransitionRefused

from .. import policies
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


def caseworker_check_responsible(*, caseworker, party) -> None:
    """Refuse a caseworker who cannot be responsible for the party's referral: one who is
    not an active caseworker of that party."""
    if not policies.may_be_responsible(caseworker, party):
        raise TransitionRefused(
            _("%(caseworker)s is not an active caseworker at %(party)s."),
            code="caseworker_not_of_party",
            params={"caseworker": str(caseworker), "party": party.name},
        )


def _referral_open(
    *, actor, participant: Participant, party, reason: str, caseworker=None, support_request=None
) -> Referral:
    """The referral, with `caseworker` responsible when someone else records it, by
    default the actor."""
    if caseworker is not None:
        caseworker_check_responsible(caseworker=caseworker, party=party)
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
