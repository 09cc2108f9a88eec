"""Workflows of follow-up and outcomes: follow-ups with their ratings, outcome checks."""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.core.workflow import TransitionRefused

from ..consent import Use
from ..models import (
    FollowUp,
    OutcomeCheck,
    Placement,
    ProgressRating,
    ProgressSeries,
)
from .common import _lock_placement, audit

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
        raise TransitionRefused(
            _("Follow-ups are recorded while the placement is active."), code="not_active"
        )
    if not placement.participant.consents_to(Use.FOLLOW_UP):
        raise TransitionRefused(placement.participant.consent_gap(Use.FOLLOW_UP), code="no_consent")
    if placement.started_on and follow_up.date < placement.started_on:
        raise TransitionRefused(
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
        .select_related("placement__participant")
        .get(pk=check.pk)
    )
    if not check.placement.participant.consents_to(Use.OUTCOME_CHECK):
        raise TransitionRefused(
            check.placement.participant.consent_gap(Use.OUTCOME_CHECK), code="no_consent"
        )
    if check.checked_on:
        raise TransitionRefused(
            _("This outcome check is already recorded."), code="already_checked"
        )
    check.outcome, check.income_source = outcome, income_source
    check.checked_on, check.checked_by = checked_on, actor
    check.save()
    audit(actor, AuditEvent.Action.CHANGE, check.placement, f"outcome check +{check.months_after}")
    return check
