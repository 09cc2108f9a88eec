"""The pipeline's waiting states, staged so the inbox and the daily reminders have ages."""

import datetime

from django.db import transaction
from django.utils import timezone

from lotsen.accounts.models import Membership, Role, User
from lotsen.core.workdays import add_working_days
from lotsen.placements import pipeline, services
from lotsen.placements.models import PipelineNotice, Placement, PlacementAgreement


@transaction.atomic
def _working_days_ago(days: int) -> datetime.datetime:
    day = add_working_days(timezone.localdate(), -days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _stage_waiting(coordinator: User, caseworker: User) -> None:
    """Show every waiting state of the pipeline with its age (decision 0140).

    Proposals: one fresh, one reminded, one alerted to the coordinator; agreements
    awaiting each party; the follow-ups and outcome checks due asked for; one enterprise
    without users whose contact person has been invited. Notices are recorded as sent,
    without mail: the daily run then carries on from here.
    """
    if PipelineNotice.objects.exists():
        return
    Kind = PipelineNotice.Kind
    notices = []
    proposals = list(Placement.objects.filter(status=Placement.Status.PROPOSED).order_by("pk"))
    for placement, kinds in zip(
        proposals,
        [(), (Kind.REMINDER,), (Kind.REMINDER, Kind.ESCALATION)],
        strict=False,
    ):
        waited = 1 + 3 * len(kinds)
        Placement.objects.filter(pk=placement.pk).update(proposed_at=_working_days_ago(waited))
        for number, kind in enumerate(kinds, start=1):
            notices.append(
                PipelineNotice(
                    placement=placement,
                    step=pipeline.PROPOSAL,
                    kind=kind,
                    sent_at=_working_days_ago(waited - 3 * number),
                )
            )
    accepted = list(Placement.objects.filter(status=Placement.Status.ACCEPTED).order_by("pk")[:2])
    sides = [services.Side.REFERRER, services.Side.ENTERPRISE]
    for placement, side in zip(accepted, sides, strict=False):
        agreement = PlacementAgreement.objects.filter(placement=placement).first()
        if agreement is None:
            start = timezone.localdate() + datetime.timedelta(days=14)
            agreement = PlacementAgreement(
                goals="Komma in i arbetsrutiner; öka tiden stegvis.",
                schedule="Måndag–onsdag 9–13",
                hours_per_week=12,
                start_date=start,
                planned_end_date=start + datetime.timedelta(days=180),
            )
        # Saving the terms again asks both parties anew; then one side approves.
        services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
        services.agreement_approve(
            actor=caseworker if side == services.Side.REFERRER else coordinator,
            placement=placement,
            side=side,
        )
    notices.extend(
        PipelineNotice(
            placement=step.placement,
            step=step.step,
            kind=Kind.REQUEST,
            sent_at=step.since,
            recipients=", ".join(step.recipients),
        )
        for step in pipeline.waiting_steps(Placement.objects.all(), today=timezone.localdate())
    )
    PipelineNotice.objects.bulk_create(notices, ignore_conflicts=True)
    _invite_a_contact(proposals)


def _invite_a_contact(proposals: list[Placement]) -> None:
    """An enterprise without users whose contact was invited but has not yet signed in."""
    for placement in proposals:
        enterprise = placement.opening.enterprise
        if enterprise.memberships.exists():
            continue
        contact, created = User.objects.get_or_create(
            email=f"kontakt@{enterprise.slug}.test", defaults={"full_name": "Kim Kontaktperson"}
        )
        if created:
            contact.set_unusable_password()
            contact.save()
        Membership.objects.get_or_create(
            user=contact, organisation=enterprise, role=Role.ENTERPRISE
        )
        return
