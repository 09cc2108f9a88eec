"""The pipeline's waiting states, staged so the inbox and the daily reminders have ages."""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

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
    accepted_all = list(Placement.objects.filter(status=Placement.Status.ACCEPTED).order_by("pk"))
    accepted = accepted_all[:2]
    sides = [services.Side.REFERRER, services.Side.ENTERPRISE]
    for placement, side in zip(accepted, sides, strict=False):
        agreement = (
            PlacementAgreement.objects.filter(placement=placement).first() or PlacementAgreement()
        )
        start = timezone.localdate() + datetime.timedelta(days=14)
        agreement.goals = "Komma in i arbetsrutiner; öka tiden stegvis."
        agreement.schedule = "Måndag–onsdag 9–13"
        agreement.hours_per_week = 12
        agreement.start_date = start
        agreement.planned_end_date = start + datetime.timedelta(days=180)
        # These terms are new (a new version if one was written), so every party is asked
        # anew; then one side approves.
        services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
        services.agreement_approve(
            actor=caseworker if side == services.Side.REFERRER else coordinator,
            placement=placement,
            side=side,
        )
    _stage_agreements(coordinator, accepted_rest=accepted_all[2:])
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


def _signed_page() -> ContentFile:
    """A stand-in for the scanned page a participant signed: a small grey picture."""
    page = Image.new("L", (420, 594), 255)
    drawing = ImageDraw.Draw(page)
    for line in range(60, 420, 30):
        drawing.line((40, line, 380, line), fill=200)
    drawing.line((60, 500, 300, 480), fill=0, width=3)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="underskrift.png")


def _stage_agreements(coordinator: User, *, accepted_rest: list[Placement]) -> None:
    """Agreements in the participant's states (decision 0208): one approved by the
    participant on paper, recorded with the scan, and waiting for the two organisations;
    one changed after the three approved, so that version 2 waits for them again."""
    for placement in accepted_rest[:1]:
        agreement = PlacementAgreement.objects.filter(placement=placement).first()
        if agreement is None:
            start = timezone.localdate() + datetime.timedelta(days=21)
            agreement = PlacementAgreement(
                goals="Pröva arbete i kök och servering; öka tiden stegvis.",
                schedule="Tisdag–torsdag 9–12",
                hours_per_week=9,
                start_date=start,
                planned_end_date=start + datetime.timedelta(days=120),
            )
            services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
        services.agreement_record_paper_approval(
            actor=coordinator,
            agreement=agreement,
            shown_version=agreement.version,
            scan=_signed_page(),
        )
    changed = PlacementAgreement.objects.filter(
        placement__status=Placement.Status.AGREED, status=PlacementAgreement.Status.APPROVED
    ).first()
    if changed is not None:
        changed.schedule = "Måndag–fredag 9–12"
        services.agreement_save(actor=coordinator, placement=changed.placement, agreement=changed)


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
