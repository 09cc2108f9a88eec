"""One participant's episode carried along the pipeline: proposal, agreement, follow-ups, exit."""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from lotsen.demo.placements.participants import _ago
from lotsen.placements import services
from lotsen.placements.models import (
    FollowUp,
    OutcomeCheck,
    Placement,
    PlacementAgreement,
    ProgressDimension,
)

# The assurance level Swedish e-legitimation asserts for BankID and Freja eID Plus.
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


def _extent_after(rng: random.Random, outcome: str) -> int:
    """A plausible extent of work or studies after exit, so the occupation tables fill."""
    if outcome.startswith("work"):
        return rng.choice([25, 50, 75, 100])
    if outcome == "studies":
        return rng.choice([50, 100])
    return rng.choice([0, 0, 25])


def _place(
    *, participant, referral, opening, coordinator, caseworker, enterprise_user, state, rng, age
):
    """Carry one episode along the pipeline to `state`, dating each step `age` days back."""
    services.referral_set_status(actor=coordinator, referral=referral, status="intake")
    services.referral_set_status(actor=coordinator, referral=referral, status="matching")
    placement = services.placement_propose(actor=coordinator, referral=referral, opening=opening)
    Placement.objects.filter(pk=placement.pk).update(proposed_at=_ago(age))
    if state == "proposed":
        return
    if state == "placement_declined":
        services.placement_decline(
            actor=enterprise_user, placement=placement, reason="Ingen handledare ledig just nu."
        )
        return
    services.placement_accept(actor=enterprise_user, placement=placement)
    Placement.objects.filter(pk=placement.pk).update(answered_at=_ago(max(age - 3, 1)))
    if state == "accepted" and rng.random() < 0.4:
        return
    start = timezone.localdate() - datetime.timedelta(days=max(age - 10, 1))
    supervisor = opening.supervisors.first()
    agreement = PlacementAgreement(
        goals="Komma in i arbetsrutiner och pröva yrket; öka tiden stegvis.",
        schedule="Måndag–torsdag 9–13",
        hours_per_week=max(opening.hours_min, min(opening.hours_max, 16)),
        supervisor=supervisor,
        adaptations=[a for a in participant.adaptations_needed if a in opening.adaptations],
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=180),
    )
    services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
    if state == "accepted":
        services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
        return
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
    # The participant approves last, signed in with BankID or Freja eID (decision 0208).
    services.agreement_approve_as_participant(
        agreement=PlacementAgreement.objects.get(placement=placement),
        participant=participant,
        shown_version=1,
        assurance=LOA3,
        # Chosen without the world's random draws, which the rest of the world depends on.
        identity_provider="Freja eID" if participant.pk % 4 == 0 else "BankID",
    )
    if state == "agreed":
        return
    if state == "cancelled":
        services.placement_cancel(actor=coordinator, placement=placement)
        return
    services.placement_start(actor=enterprise_user, placement=placement, started_on=start)
    dimensions = list(ProgressDimension.objects.filter(active=True))
    level = {d.code: rng.randint(1, 3) for d in dimensions}
    today = timezone.localdate()
    ends = state in ("ended", "consent_withdrawn")
    offsets = list(range(0, 151, 30)) if ends else list(range(0, 400, 28))
    for number, offset in enumerate(offsets):
        day = start + datetime.timedelta(days=offset)
        # One active placement is left with its follow-up overdue, for the inbox.
        if day > today - datetime.timedelta(days=3) or (state == "active" and age > 150 and number):
            break
        phase = FollowUp.Phase.START if number == 0 else FollowUp.Phase.DURING
        if ends and offset == offsets[-1]:
            phase = FollowUp.Phase.END
        follow_up = FollowUp(
            date=day,
            phase=phase,
            hours_attended=Decimal(min(8 + 3 * number, 30)),
            note="Trivs i arbetsgruppen." if number else "",
        )
        services.follow_up_record(
            actor=enterprise_user,
            placement=placement,
            follow_up=follow_up,
            scores={
                code: min(score + number // 2 + rng.randint(0, 1), 5)
                for code, score in level.items()
            },
        )
    if state in ("ended", "consent_withdrawn"):
        ended_on = min(start + datetime.timedelta(days=150), today - datetime.timedelta(days=1))
        outcome = rng.choice(
            [
                "work_unsubsidised",
                "work_subsidised",
                "work_at_enterprise",
                "studies",
                "job_seeking",
                "other_measure",
                "sick_leave",
                "drop_out",
            ]
        )
        services.placement_end(
            actor=coordinator,
            placement=placement,
            ended_on=ended_on,
            exit_reason="completed" if outcome.startswith("work") else "other",
            outcome=outcome,
            income_source_after="salary" if outcome.startswith("work") else "activity_support",
            work_study_percent_after=_extent_after(rng, outcome),
        )
        first_check = OutcomeCheck.objects.filter(placement=placement, months_after=6).first()
        if first_check and first_check.due_on <= today - datetime.timedelta(days=20):
            services.outcome_check_record(
                actor=coordinator,
                check=first_check,
                outcome=outcome,
                income_source="salary" if outcome.startswith("work") else "activity_support",
                checked_on=first_check.due_on,
            )
