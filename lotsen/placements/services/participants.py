"""Workflows of participants: registration, identity, consent, export and retention."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.core.workflow import TransitionRefused

from .. import identity, lookups
from ..consent import Use
from ..models import (
    OutcomeCheck,
    Participant,
    ParticipantApproval,
    ParticipantIdentity,
    Placement,
    PlacementAgreement,
    Referral,
    RetentionPurge,
)
from .common import _referral_open, audit

logger = logging.getLogger(__name__)


def participant_find_by_identity_number(number: identity.IdentityNumber) -> Participant | None:
    found = ParticipantIdentity.objects.filter(
        identity_number_hash=identity.lookup_hash(number)
    ).select_related("participant")
    return found[0].participant if found else None


@transaction.atomic
def participant_register(
    *,
    actor,
    party,
    participant: Participant,
    interest_industries=(),
    interest_occupations=(),
    preferred_municipalities=(),
    preferred_industries=(),
    name: str,
    number: identity.IdentityNumber,
    phone: str = "",
    email: str = "",
    reason: str = "",
    caseworker=None,
    support_request=None,
) -> Participant:
    """Register a consenting participant with identity and the first referral.

    ``caseworker`` is the party's caseworker responsible for the referral when someone
    else (the coordinator converting a support request) records it; by default the actor.
    The participant's start year is the year of registration unless it is given.
    """
    existing = participant_find_by_identity_number(number)
    if existing is not None:
        raise lookups.duplicate_error(actor, existing)
    if not participant.start_year:
        participant.start_year = timezone.localdate().year
    participant.registered_by_party = party
    participant.consent_given = True
    participant.consent_recorded_by = actor
    participant.birth_year = number.birth_date.year
    participant.save()
    participant.interest_industries.set(interest_industries)
    participant.interest_occupations.set(interest_occupations)
    participant.preferred_municipalities.set(preferred_municipalities)
    participant.preferred_industries.set(preferred_industries)
    record = ParticipantIdentity(participant=participant)
    record.set_values(name=name, number=number, phone=phone, email=email)
    record.save()
    audit(actor, AuditEvent.Action.CREATE, participant, "registered with consent")
    _referral_open(
        actor=actor,
        participant=participant,
        party=party,
        reason=reason,
        caseworker=caseworker,
        support_request=support_request,
    )
    return participant


@transaction.atomic
def participant_register_anonymous(
    *, actor, party, gender: str, start_year: int, reason: str = ""
) -> Participant:
    """Without consent only gender and start year are kept, so volumes still count."""
    participant = Participant.objects.create(
        registered_by_party=party, gender=gender, start_year=start_year, consent_given=False
    )
    audit(actor, AuditEvent.Action.CREATE, participant, "registered anonymously")
    _referral_open(actor=actor, participant=participant, party=party, reason=reason)
    return participant


@transaction.atomic
def participant_update_identity(
    *, actor, participant: Participant, name: str, number, phone: str, email: str
) -> None:
    record = ParticipantIdentity.objects.select_for_update().get(participant=participant)
    other = participant_find_by_identity_number(number)
    if other is not None and other.pk != participant.pk:
        raise lookups.duplicate_error(actor, other)
    record.set_values(name=name, number=number, phone=phone, email=email)
    record.save()
    audit(actor, AuditEvent.Action.CHANGE, participant, "identity changed")


@transaction.atomic
def participant_withdraw_consent(*, actor, participant: Participant) -> None:
    """Withdrawn consent: the identity is erased now; pseudonymous statistics stay."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not participant.has_active_consent:
        raise TransitionRefused(
            _("There is no consent to withdraw."), code="no_consent_to_withdraw"
        )
    participant.consent_withdrawn_on = timezone.localdate()
    participant.save(update_fields=["consent_withdrawn_on"])
    # Stated wishes serve only matching, which needs consent; they go with it.
    participant.preferred_municipalities.clear()
    participant.preferred_industries.clear()
    record = ParticipantIdentity.objects.filter(participant=participant).first()
    if record is not None:
        record.erase()
        record.save()
    _approval_scans_erase(participant)
    audit(actor, AuditEvent.Action.ERASE, participant, "consent withdrawn")
    _work_without_consent_stop(actor=actor, participant=participant)


@transaction.atomic
def participant_withdraw_follow_up_consent(*, actor, participant: Participant) -> Participant:
    """The participant keeps consent to placement but no longer to follow-up after exit."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not participant.consents_to(Use.OUTCOME_CHECK):
        raise TransitionRefused(
            _("The consent does not cover follow-up after exit."), code="no_follow_up_consent"
        )
    participant.consent_scope = Participant.ConsentScope.PLACEMENT
    participant.save(update_fields=["consent_scope"])
    audit(actor, AuditEvent.Action.CHANGE, participant, "consent to follow-up after exit withdrawn")
    _work_without_consent_stop(actor=actor, participant=participant)
    return participant


def _work_without_consent_stop(*, actor, participant: Participant) -> None:
    """Cancel the pending outcome checks the consent no longer covers (decision 0145).

    A pending check holds nothing but its due date, so it is deleted, one audit event per
    placement; recorded checks stay with the pseudonymous statistics. Follow-ups need no
    cancelling: they are due only while `consents_to(Use.FOLLOW_UP)` holds.
    """
    if participant.consents_to(Use.OUTCOME_CHECK):
        return
    pending = OutcomeCheck.objects.filter(
        placement__participant=participant, checked_on__isnull=True
    )
    cancelled = defaultdict(list)
    for check in pending.select_related("placement__participant").order_by(
        "placement_id", "months_after"
    ):
        cancelled[check.placement].append(f"+{check.months_after}")
    pending.delete()
    for placement, months in cancelled.items():
        audit(
            actor,
            AuditEvent.Action.CHANGE,
            placement,
            f"outcome checks {', '.join(months)} cancelled: no consent to follow-up after exit",
        )


def participant_export(*, actor, participant: Participant) -> dict:
    """Everything held about one participant (registerutdrag), as plain data."""
    record = ParticipantIdentity.objects.filter(participant=participant).first()
    episodes = []
    referrals = participant.referrals.select_related("referring_party").prefetch_related(
        "placements__opening__enterprise",
        "placements__follow_ups__ratings",
        "placements__outcome_checks",
    )
    for referral in referrals.order_by("received_at"):
        placements = []
        for placement in referral.placements.all():
            agreement = PlacementAgreement.objects.filter(placement=placement).first()
            placements.append(
                {
                    "work_training_place": placement.opening.title,
                    "enterprise": placement.opening.enterprise.name,
                    "status": placement.status,
                    "started_on": _iso(placement.started_on),
                    "ended_on": _iso(placement.ended_on),
                    "exit_reason": placement.exit_reason,
                    "outcome": placement.outcome,
                    "income_source_after": placement.income_source_after,
                    "work_study_percent_after": placement.work_study_percent_after,
                    "agreement": None
                    if agreement is None
                    else {
                        "goals": agreement.goals,
                        "schedule": agreement.schedule,
                        "hours_per_week": agreement.hours_per_week,
                        "adaptations": agreement.adaptations,
                        "start_date": _iso(agreement.start_date),
                        "planned_end_date": _iso(agreement.planned_end_date),
                        "version": agreement.version,
                        "status": agreement.status,
                        # The participant's own approvals, each version's (decision 0208).
                        "participant_approvals": [
                            {
                                "version": approval.version,
                                "approved_at": approval.approved_at.isoformat(),
                                "method": approval.method,
                                "identity_provider": approval.identity_provider,
                                "assurance": approval.assurance,
                            }
                            for approval in agreement.participant_approvals.all()
                        ],
                    },
                    "follow_ups": [
                        {
                            "date": _iso(follow_up.date),
                            "phase": follow_up.phase,
                            "hours_attended": str(follow_up.hours_attended),
                            "note": follow_up.note,
                            "ratings": {
                                rating.dimension_id: rating.score
                                for rating in follow_up.ratings.all()
                            },
                        }
                        for follow_up in placement.follow_ups.all()
                    ],
                    "outcome_checks": [
                        {
                            "months_after": check.months_after,
                            "due_on": _iso(check.due_on),
                            "checked_on": _iso(check.checked_on),
                            "outcome": check.outcome,
                            "income_source": check.income_source,
                        }
                        for check in placement.outcome_checks.all()
                    ],
                }
            )
        episodes.append(
            {
                "referring_party": referral.referring_party.name,
                "received_at": referral.received_at.isoformat(),
                "status": referral.status,
                "reason": referral.reason,
                "decline_reason": referral.decline_reason,
                "placements": placements,
            }
        )
    data = {
        "code": participant.code,
        "exported_at": timezone.now().isoformat(),
        "identity": None
        if record is None or record.erased_at
        else {
            "name": record.name,
            "identity_number": record.identity_number,
            "phone": record.phone,
            "email": record.email,
        },
        "consent": {
            "given": participant.consent_given,
            "scope": participant.consent_scope,
            "date": _iso(participant.consent_date),
            "withdrawn_on": _iso(participant.consent_withdrawn_on),
        },
        "gender": participant.gender,
        "start_year": participant.start_year,
        "birth_year": participant.birth_year,
        "municipality": participant.municipality_id,
        "education": participant.education,
        "income_source_start": participant.income_source_start,
        "support_duration": participant.support_duration,
        "work_study_percent": participant.work_study_percent,
        "interests_sni": list(participant.interest_industries.values_list("code", flat=True)),
        "interests_ssyk": list(participant.interest_occupations.values_list("code", flat=True)),
        "preferred_municipalities": list(
            participant.preferred_municipalities.values_list("code", flat=True)
        ),
        "preferred_industries": list(
            participant.preferred_industries.values_list("code", flat=True)
        ),
        "hours_per_week": participant.hours_per_week,
        "adaptations_needed": participant.adaptations_needed,
        "languages": participant.languages,
        "driving_licence": participant.driving_licence,
        "has_car": participant.has_car,
        "max_travel_km": participant.max_travel_km,
        "episodes": episodes,
        "access_history": _access_history(participant),
    }
    audit(actor, AuditEvent.Action.EXPORT, participant, "data-subject export")
    return data


def _access_history(participant: Participant) -> list[dict]:
    """Who has seen or handled the person's data, and when, from the audit trail."""
    events = (
        AuditEvent.objects.about(participant.code)
        .select_related("actor")
        .prefetch_related("actor__memberships__organisation")
    )
    return [
        {
            "when": timezone.localtime(event.occurred_at).isoformat(),
            "who": event.actor.get_full_name() if event.actor else str(_("Lotsen, automatically")),
            "organisation": ", ".join(
                sorted({m.organisation.name for m in event.actor.memberships.all()})
            )
            if event.actor
            else "",
            "action": event.get_action_display(),
            "reason": event.explanation,
        }
        for event in events
    ]


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def identity_retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Identities of episodes that ended before this day are due for erasure."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.IDENTITY_RETENTION_DAYS)


def participants_due_for_erasure(cutoff: datetime.date):
    """Participants whose identity is kept and whose last episode ended before `cutoff`."""
    cutoff_moment = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        Participant.objects.filter(identity__isnull=False, identity__erased_at__isnull=True)
        .exclude(referrals__status__in=Referral.OPEN_STATUSES)
        .exclude(referrals__placements__status__in=Placement.CURRENT)
        .annotate(
            last_referral_change=Max("referrals__status_changed_at"),
            last_exit=Max("referrals__placements__ended_on"),
        )
        .filter(last_referral_change__lt=cutoff_moment)
        .filter(Q(last_exit__isnull=True) | Q(last_exit__lt=cutoff))
    )


def identities_erase_expired(*, today: datetime.date | None = None) -> RetentionPurge:
    """Erase identity data a configured time after a participant's last episode ended."""
    cutoff = identity_retention_cutoff(today)
    erased = 0
    for participant in participants_due_for_erasure(cutoff).order_by("pk"):
        with transaction.atomic():
            record = ParticipantIdentity.objects.select_for_update().get(participant=participant)
            record.erase()
            record.save()
            _approval_scans_erase(participant)
            audit(None, AuditEvent.Action.ERASE, participant, "retention period ended")
        erased += 1
    purge = RetentionPurge.objects.create(cutoff=cutoff, erased=erased)
    logger.info("retention: erased %s identities of episodes ended before %s", erased, cutoff)
    return purge


def _approval_scans_erase(participant: Participant) -> None:
    """A scanned page bears the participant's name and signature, so it is identity data
    and goes with the identity; the approval's time and method stay (decision 0208)."""
    approvals = ParticipantApproval.objects.filter(
        agreement__placement__referral__participant=participant
    ).exclude(scan="")
    for approval in approvals:
        stored = approval.scan
        # The file goes only once the erasure is saved, never ahead of a rollback.
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
    approvals.update(scan="")


def identities_rotate_keys() -> int:
    """Re-encrypt every identity with the newest key; returns how many were rewritten."""
    count = 0
    for record in ParticipantIdentity.objects.filter(erased_at__isnull=True).iterator():
        for field in (
            "name_encrypted",
            "identity_number_encrypted",
            "phone_encrypted",
            "email_encrypted",
        ):
            setattr(record, field, identity.rotate(getattr(record, field)))
        record.save()
        count += 1
    return count
