"""Workflows of the pilot function that span several models, each audited."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.support.models import SupportRequest
from lotsen.support.services import support_request_resolve_as_referral

from . import identity, lookups, policies
from .consent import Use
from .models import (
    FollowUp,
    Opening,
    OutcomeCheck,
    Participant,
    ParticipantIdentity,
    Placement,
    PlacementAgreement,
    ProgressRating,
    ProgressSeries,
    Referral,
    RetentionPurge,
    TransitionError,
)

logger = logging.getLogger(__name__)

OUTCOME_CHECK_MONTHS = (6, 12)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)


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


# ---------------------------------------------------------------- participants


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
    """
    existing = participant_find_by_identity_number(number)
    if existing is not None:
        raise lookups.duplicate_error(actor, existing)
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
        raise TransitionError(_("There is no consent to withdraw."), code="no_consent_to_withdraw")
    participant.consent_withdrawn_on = timezone.localdate()
    participant.save(update_fields=["consent_withdrawn_on"])
    # Stated wishes serve only matching, which needs consent; they go with it.
    participant.preferred_municipalities.clear()
    participant.preferred_industries.clear()
    record = ParticipantIdentity.objects.filter(participant=participant).first()
    if record is not None:
        record.erase()
        record.save()
    audit(actor, AuditEvent.Action.ERASE, participant, "consent withdrawn")
    _work_without_consent_stop(actor=actor, participant=participant)


@transaction.atomic
def participant_withdraw_follow_up_consent(*, actor, participant: Participant) -> Participant:
    """The participant keeps consent to placement but no longer to follow-up after exit."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not participant.consents_to(Use.OUTCOME_CHECK):
        raise TransitionError(
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
        placement__referral__participant=participant, checked_on__isnull=True
    )
    cancelled = defaultdict(list)
    for check in pending.select_related("placement__referral__participant").order_by(
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


# ---------------------------------------------------------------- referrals


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


def support_request_check_convertible(*, request: SupportRequest) -> None:
    """Refuse a support request that is no longer open or has become a referral already."""
    if request.status not in SupportRequest.Status.open_values():
        raise TransitionError(
            _("Only an open request can become a referral; this one is %(status)s."),
            code="request_not_open",
            params={"status": request.get_status_display().lower()},
        )
    if Referral.objects.filter(support_request=request).exists():
        raise TransitionError(
            _("This request has already become a referral."), code="already_converted"
        )


@transaction.atomic
def referral_open_from_support_request(
    *,
    request: SupportRequest,
    by,
    caseworker,
    party,
    participant: Participant,
    name: str,
    number: identity.IdentityNumber,
    phone: str = "",
    email: str = "",
    reason: str = "",
    note: str = "",
    interest_industries=(),
    interest_occupations=(),
    preferred_municipalities=(),
    preferred_industries=(),
) -> Referral:
    """Convert a support request into a referral: register the person it is about and refer.

    The coordinator (``by``) records the person's consent (scope and date on the unsaved
    ``participant``) and identity, as a caseworker would; the referral is the ``party``'s,
    with ``caseworker`` responsible, and keeps the request it came from. The request is
    then resolved as converted (``support_request_resolve_as_referral``). Refused with
    nothing changed: a request not open, a request already converted, a caseworker who
    does not act for the party, a person already registered (decision 0191).
    """
    request = SupportRequest.objects.select_for_update().get(pk=request.pk)
    support_request_check_convertible(request=request)
    if not policies.acts_for_party(caseworker, party):
        raise TransitionError(
            _("%(caseworker)s is not a caseworker at %(party)s."),
            code="caseworker_not_of_party",
            params={"caseworker": str(caseworker), "party": party.name},
        )
    participant = participant_register(
        actor=by,
        party=party,
        participant=participant,
        interest_industries=interest_industries,
        interest_occupations=interest_occupations,
        preferred_municipalities=preferred_municipalities,
        preferred_industries=preferred_industries,
        name=name,
        number=number,
        phone=phone,
        email=email,
        reason=reason,
        caseworker=caseworker,
        support_request=request,
    )
    referral = participant.referrals.get()
    audit(by, AuditEvent.Action.CHANGE, referral, f"converted from {request.reference}")
    support_request_resolve_as_referral(support_request=request, actor=by, note=note)
    return referral


@transaction.atomic
def referral_create(*, actor, participant: Participant, party, reason: str = "") -> Referral:
    """A new episode for a participant who has none under way."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    busy = participant.referrals.filter(
        Q(status__in=Referral.OPEN_STATUSES) | Q(placements__status__in=Placement.CURRENT)
    )
    if busy.exists():
        raise TransitionError(
            _("The participant already has a referral or placement under way."),
            code="episode_under_way",
        )
    return _referral_open(actor=actor, participant=participant, party=party, reason=reason)


@transaction.atomic
def referral_set_status(
    *, actor, referral: Referral, status: str, decline_reason: str = ""
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if Referral.Status.PLACED in (status, referral.status):
        raise TransitionError(
            _("A referral is placed, and back in matching, only through its placement."),
            code="placed_by_placement",
        )
    if (
        status in (Referral.Status.DECLINED, Referral.Status.WITHDRAWN)
        and referral.placements.filter(status__in=Placement.CURRENT).exists()
    ):
        raise TransitionError(
            _("Cancel the placement under way first."), code="placement_under_way"
        )
    referral.set_status(status, decline_reason=decline_reason)
    referral.save(update_fields=["status", "decline_reason", "status_changed_at"])
    audit(actor, AuditEvent.Action.CHANGE, referral, f"referral {status}")
    return referral


# ---------------------------------------------------------------- placements


def _lock_opening_with_free_seat(opening_id: int) -> Opening:
    """Lock the opening row so two people cannot both take its last seat."""
    opening = Opening.objects.select_for_update().get(pk=opening_id)
    if opening.status != Opening.Status.OPEN:
        raise TransitionError(
            _("%(opening)s is not open for new participants."),
            code="opening_not_open",
            params={"opening": opening.title},
        )
    taken = opening.placements.filter(status__in=Placement.SEAT_HOLDING).count()
    if taken >= opening.capacity:
        raise TransitionError(
            _("%(opening)s is full: all %(capacity)s places are taken."),
            code="opening_full",
            params={"opening": opening.title, "capacity": opening.capacity},
        )
    return opening


@transaction.atomic
def placement_propose(*, actor, referral: Referral, opening: Opening) -> Placement:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.MATCHING:
        raise TransitionError(
            _("Only a referral in matching can be proposed for a place."),
            code="referral_not_matching",
        )
    if referral.placements.filter(status__in=Placement.CURRENT).exists():
        raise TransitionError(
            _("The participant already has a placement under way."), code="placement_under_way"
        )
    if not referral.participant.consents_to(Use.PLACEMENT):
        raise TransitionError(
            _("A participant without consent cannot be placed."), code="no_consent"
        )
    opening = _lock_opening_with_free_seat(opening.pk)
    placement = Placement.objects.create(referral=referral, opening=opening, proposed_by=actor)
    audit(actor, AuditEvent.Action.CREATE, placement, "placement proposed")
    _notify_on_commit(placement)
    return placement


def _lock_placement(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update()
        .select_related("referral__participant")
        .get(pk=placement.pk)
    )


@transaction.atomic
def placement_accept(*, actor, placement: Placement) -> Placement:
    # The opening is locked first, always in that order, so two accepts cannot deadlock.
    _lock_opening_with_free_seat(placement.opening_id)
    placement = _lock_placement(placement)
    placement.set_status(Placement.Status.ACCEPTED)
    placement.answered_at = timezone.now()
    placement.save(update_fields=["status", "status_changed_at", "answered_at"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "proposal accepted")
    return placement


@transaction.atomic
def placement_decline(*, actor, placement: Placement, reason: str) -> Placement:
    placement = _lock_placement(placement)
    if not reason.strip():
        raise TransitionError(_("Give a reason when you decline."), code="reason_required")
    placement.set_status(Placement.Status.DECLINED)
    placement.answered_at = timezone.now()
    placement.decline_reason = reason.strip()
    placement.save(update_fields=["status", "status_changed_at", "answered_at", "decline_reason"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "proposal declined")
    return placement


@transaction.atomic
def agreement_save(*, actor, placement: Placement, agreement: PlacementAgreement) -> None:
    """Save the agreement's terms; changed terms need both approvals again."""
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.ACCEPTED:
        raise TransitionError(
            _("The agreement can only be changed before it is approved."),
            code="agreement_locked",
        )
    agreement.placement = placement
    agreement.enterprise_approved_at = agreement.referrer_approved_at = None
    agreement.enterprise_approved_by = agreement.referrer_approved_by = None
    agreement.save()
    audit(actor, AuditEvent.Action.CHANGE, placement, "agreement drafted")
    _notify_on_commit(placement)


class Side:
    ENTERPRISE = "enterprise"
    REFERRER = "referrer"


@transaction.atomic
def agreement_approve(*, actor, placement: Placement, side: str) -> Placement:
    placement = _lock_placement(placement)
    agreement = PlacementAgreement.objects.select_for_update().filter(placement=placement).first()
    if agreement is None or placement.status != Placement.Status.ACCEPTED:
        raise TransitionError(
            _("There is no agreement waiting for approval."), code="nothing_to_approve"
        )
    field = "enterprise" if side == Side.ENTERPRISE else "referrer"
    if getattr(agreement, f"{field}_approved_at"):
        raise TransitionError(
            _("The agreement is already approved by this party."), code="already_approved"
        )
    setattr(agreement, f"{field}_approved_at", timezone.now())
    setattr(agreement, f"{field}_approved_by", actor)
    agreement.save()
    audit(actor, AuditEvent.Action.CHANGE, placement, f"agreement approved by {field}")
    if agreement.fully_approved:
        placement.set_status(Placement.Status.AGREED)
        placement.save(update_fields=["status", "status_changed_at"])
        referral = Referral.objects.select_for_update().get(pk=placement.referral_id)
        referral.set_status(Referral.Status.PLACED)
        referral.save(update_fields=["status", "decline_reason", "status_changed_at"])
    return placement


@transaction.atomic
def placement_start(*, actor, placement: Placement, started_on: datetime.date) -> Placement:
    placement = _lock_placement(placement)
    placement.set_status(Placement.Status.ACTIVE)
    if started_on > timezone.localdate():
        raise TransitionError(
            _("A placement cannot be started in the future."), code="start_in_future"
        )
    placement.started_on = started_on
    placement.save(update_fields=["status", "status_changed_at", "started_on"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "placement started")
    return placement


@transaction.atomic
def placement_cancel(*, actor, placement: Placement) -> Placement:
    placement = _lock_placement(placement)
    held_episode = placement.status in (Placement.Status.AGREED,)
    placement.set_status(Placement.Status.CANCELLED)
    placement.save(update_fields=["status", "status_changed_at"])
    if held_episode:
        referral = Referral.objects.select_for_update().get(pk=placement.referral_id)
        referral.set_status(Referral.Status.MATCHING)
        referral.save(update_fields=["status", "decline_reason", "status_changed_at"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "placement cancelled")
    return placement


@transaction.atomic
def placement_end(
    *,
    actor,
    placement: Placement,
    ended_on: datetime.date,
    exit_reason: str,
    outcome: str,
    income_source_after: str,
    work_study_percent_after: int | None = None,
) -> Placement:
    placement = _lock_placement(placement)
    placement.set_status(Placement.Status.ENDED)
    if placement.started_on and ended_on < placement.started_on:
        raise TransitionError(
            _("A placement cannot end before it started (%(start)s)."),
            code="end_before_start",
            params={"start": placement.started_on.isoformat()},
        )
    if ended_on > timezone.localdate():
        raise TransitionError(_("A placement cannot end in the future."), code="end_in_future")
    placement.ended_on = ended_on
    placement.exit_reason = exit_reason
    placement.outcome = outcome
    placement.income_source_after = income_source_after
    placement.work_study_percent_after = work_study_percent_after
    placement.save()
    audit(actor, AuditEvent.Action.CHANGE, placement, f"placement ended: {outcome}")
    _outcome_checks_plan(placement=placement, ended_on=ended_on)
    return placement


def _outcome_checks_plan(*, placement: Placement, ended_on: datetime.date) -> None:
    """Plan the checks 6 and 12 months after exit, only if the consent covers them."""
    if not placement.participant.consents_to(Use.OUTCOME_CHECK):
        return
    OutcomeCheck.objects.bulk_create(
        [
            OutcomeCheck(
                placement=placement, months_after=months, due_on=add_months(ended_on, months)
            )
            for months in OUTCOME_CHECK_MONTHS
        ]
    )


@transaction.atomic
def follow_up_record(
    *, actor, placement: Placement, follow_up: FollowUp, scores: dict[str, int]
) -> FollowUp:
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.ACTIVE:
        raise TransitionError(
            _("Follow-ups are recorded while the placement is active."), code="not_active"
        )
    if not placement.participant.consents_to(Use.FOLLOW_UP):
        raise TransitionError(placement.participant.consent_gap(Use.FOLLOW_UP), code="no_consent")
    if placement.started_on and follow_up.date < placement.started_on:
        raise TransitionError(
            _("A follow-up cannot be dated before the placement started."),
            code="follow_up_before_start",
        )
    follow_up.placement = placement
    follow_up.recorded_by = actor
    follow_up.save()
    ProgressRating.objects.bulk_create(
        [
            ProgressRating(follow_up=follow_up, dimension_id=code, score=score)
            for code, score in scores.items()
            if score
        ]
    )
    ProgressSeries.objects.rebuild_for([placement.pk])
    audit(actor, AuditEvent.Action.CREATE, placement, "follow-up recorded")
    return follow_up


@transaction.atomic
def outcome_check_record(
    *, actor, check: OutcomeCheck, outcome: str, income_source: str, checked_on
) -> OutcomeCheck:
    check = (
        OutcomeCheck.objects.select_for_update()
        .select_related("placement__referral__participant")
        .get(pk=check.pk)
    )
    if not check.placement.participant.consents_to(Use.OUTCOME_CHECK):
        raise TransitionError(
            check.placement.participant.consent_gap(Use.OUTCOME_CHECK), code="no_consent"
        )
    if check.checked_on:
        raise TransitionError(_("This outcome check is already recorded."), code="already_checked")
    check.outcome, check.income_source = outcome, income_source
    check.checked_on, check.checked_by = checked_on, actor
    check.save()
    audit(actor, AuditEvent.Action.CHANGE, check.placement, f"outcome check +{check.months_after}")
    return check


# ---------------------------------------------------------------- a pipeline that moves (0140)


def _notify_on_commit(placement: Placement) -> None:
    """E-mail whoever must now act on the placement, once the change is saved."""
    from .tasks import notify_placement_steps

    transaction.on_commit(lambda: notify_placement_steps.enqueue(placement.pk))


@transaction.atomic
def placement_withdraw_proposal(*, actor, placement: Placement, reason: str) -> Placement:
    """Withdraw an unanswered proposal; the participant may then be proposed elsewhere.

    ``actor`` is None when the daily run withdraws a stale proposal (decision 0140).
    """
    placement = _lock_placement(placement)
    if placement.status != Placement.Status.PROPOSED:
        raise TransitionError(
            _("Only a proposal without an answer can be withdrawn."), code="not_proposed"
        )
    if not reason.strip():
        raise TransitionError(
            _("Give a reason when you withdraw a proposal."), code="reason_required"
        )
    placement.set_status(Placement.Status.CANCELLED)
    placement.withdrawal_reason = reason.strip()
    placement.save(update_fields=["status", "status_changed_at", "withdrawal_reason"])
    audit(actor, AuditEvent.Action.CHANGE, placement, f"proposal withdrawn: {reason.strip()}")
    return placement


@transaction.atomic
def placement_answer_by_phone(
    *, actor, placement: Placement, accept: bool, reason: str = ""
) -> Placement:
    """Record the enterprise's answer, given by phone, on its behalf (decision 0141)."""
    if accept:
        placement = placement_accept(actor=actor, placement=placement)
    else:
        placement = placement_decline(actor=actor, placement=placement, reason=reason)
    placement.answered_by_phone = True
    placement.answer_recorded_by = actor
    placement.save(update_fields=["answered_by_phone", "answer_recorded_by"])
    audit(actor, AuditEvent.Action.CHANGE, placement, "enterprise's answer taken by phone")
    return placement


@transaction.atomic
def enterprise_contact_invite(*, actor, placement: Placement, full_name: str, email: str):
    """Give the contact person of an enterprise without users an account and a one-time link.

    The account holds the enterprise role in the placement's enterprise; the link sets its
    first password (Django's password-reset token, so it works once). Refused when someone
    at the enterprise already signs in: they answer themselves.
    """
    from lotsen.accounts.models import Membership, Role, User

    from .pipeline import enterprise_can_answer
    from .tasks import send_enterprise_invitation

    enterprise = placement.opening.enterprise
    if enterprise_can_answer(enterprise.pk):
        raise TransitionError(
            _("%(enterprise)s already has a user who can answer in Lotsen."),
            code="enterprise_has_users",
            params={"enterprise": enterprise.name},
        )
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name)
    elif not user.is_active:
        raise TransitionError(
            _("The account of %(email)s is closed."), code="user_inactive", params={"email": email}
        )
    Membership.objects.get_or_create(user=user, organisation=enterprise, role=Role.ENTERPRISE)
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        target=user,
        label=f"{enterprise.name}: {email}",
        reason="enterprise contact invited",
    )
    transaction.on_commit(
        lambda: send_enterprise_invitation.enqueue(user.pk, placement.pk, actor.pk)
    )
    return user


# ---------------------------------------------------------------- retention (gallring)


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
            audit(None, AuditEvent.Action.ERASE, participant, "retention period ended")
        erased += 1
    purge = RetentionPurge.objects.create(cutoff=cutoff, erased=erased)
    logger.info("retention: erased %s identities of episodes ended before %s", erased, cutoff)
    return purge


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
