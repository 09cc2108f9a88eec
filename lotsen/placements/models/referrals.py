"""Referrals and placements, with their status transitions, agreements and notices.

Each referral is one episode of a participant; a participant may come back.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.uploads import random_upload_name
from lotsen.core.workflow import StatusChange, TransitionRefused, Workflow, WorkflowModel

from .. import consent
from ..terms import TERMS, terms_fingerprint
from .choices import Adaptation, IncomeSource, Outcome, coded_labels, outcome_group
from .openings import Opening, Supervisor
from .participants import Participant


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        from .. import policies

        return policies.referrals_visible_to(user, self)

    def open(self) -> "ReferralQuerySet":
        return self.filter(status__in=Referral.OPEN_STATUSES)


class Referral(WorkflowModel):
    """A referral (anvisning) from a party: one episode of a participant."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        INTAKE = "intake", _("Intake")
        MATCHING = "matching", _("Matching")
        PLACED = "placed", _("Placed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    workflow = Workflow(
        transitions={
            Status.RECEIVED: frozenset({Status.INTAKE, Status.DECLINED, Status.WITHDRAWN}),
            Status.INTAKE: frozenset({Status.MATCHING, Status.DECLINED, Status.WITHDRAWN}),
            Status.MATCHING: frozenset({Status.PLACED, Status.DECLINED, Status.WITHDRAWN}),
            # A placement cancelled before it starts sends the episode back to matching.
            Status.PLACED: frozenset({Status.MATCHING}),
            Status.DECLINED: frozenset(),
            Status.WITHDRAWN: frozenset(),
        },
        policy="lotsen.placements.policies.can_move_referral",
        stamp="status_changed_at",
    )
    OPEN_STATUSES = (Status.RECEIVED, Status.INTAKE, Status.MATCHING)

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    referring_party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("referring party"),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("caseworker"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    reason = models.TextField(
        _("what the participant wants to achieve"),
        blank=True,
        help_text=_("Restricted: no diagnoses or health details."),
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    # The support request the coordinator converted into this referral (decision 0191).
    support_request = models.OneToOneField(
        "support.SupportRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral",
        verbose_name=_("from support request"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            # The coordinator's inbox and list filter on status, oldest first.
            models.Index(fields=["status", "received_at"], name="referral_status_received"),
            # The referral list shows the newest first, a page at a time.
            models.Index(fields=["-received_at"], name="referral_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.participant.code} {self.received_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("placements:referral_detail", args=[self.pk])

    def move_to(
        self, status: str, *, actor=None, reason: str = "", changes=None, decline_reason: str = ""
    ) -> StatusChange:
        """Take a step; a decline needs its reason, and only a decline keeps one."""
        self.workflow.check(self, status)
        declining = status == self.Status.DECLINED
        if declining and not decline_reason.strip():
            raise TransitionRefused(
                _("Give a reason when a referral is declined."), code="reason_required"
            )
        # A reason is kept only with a decline; refused elsewhere so that no typed text
        # vanishes unseen (decision 0142).
        if decline_reason.strip() and not declining:
            raise TransitionRefused(
                _(
                    "A reason for declining is kept only when the referral is declined. "
                    "Empty the reason, or choose Declined."
                ),
                code="reason_without_decline",
            )
        return super().move_to(
            status,
            actor=actor,
            reason=reason or decline_reason.strip(),
            changes={"decline_reason": decline_reason.strip(), **(changes or {})},
        )


# ---------------------------------------------------------------- placements


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlacementQuerySet":
        from .. import policies

        return policies.placements_visible_to(user, self)

    def awaiting_agreement_approval(self) -> "PlacementQuerySet":
        """Placements whose agreement is written and waits for an approval, including an
        agreement changed after it was approved (decision 0208)."""
        return self.filter(
            status__in=Placement.AGREEMENT_OPEN,
            agreement__status=PlacementAgreement.Status.AWAITING_APPROVAL,
        )

    def with_participant_approval(self) -> "PlacementQuerySet":
        """Annotate `participant_approved`: the participant approved the current version."""
        return self.annotate(
            participant_approved=models.Exists(
                ParticipantApproval.objects.filter(
                    agreement=models.OuterRef("agreement"),
                    version=models.OuterRef("agreement__version"),
                )
            )
        )

    def follow_up_due(self, on: datetime.date) -> "PlacementQuerySet":
        """Active placements not followed up for FOLLOW_UP_INTERVAL_DAYS, with `last_follow_up`.

        Only those whose participant's consent covers follow-ups (decision 0145).
        """
        return (
            self.filter(
                consent.consenting_to(consent.Use.FOLLOW_UP, "participant"),
                status=Placement.Status.ACTIVE,
            )
            .annotate(last_follow_up=Coalesce(models.Max("follow_ups__date"), "started_on"))
            .filter(
                last_follow_up__lte=on - datetime.timedelta(days=Placement.FOLLOW_UP_INTERVAL_DAYS)
            )
        )


class Placement(WorkflowModel):
    """A participant at an opening: proposed, agreed in three parties, followed up, ended."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by the enterprise")
        DECLINED = "declined", _("Declined by the enterprise")
        AGREED = "agreed", _("Agreement approved")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    workflow = Workflow(
        transitions={
            Status.PROPOSED: frozenset({Status.ACCEPTED, Status.DECLINED, Status.CANCELLED}),
            Status.ACCEPTED: frozenset({Status.AGREED, Status.CANCELLED}),
            Status.AGREED: frozenset({Status.ACTIVE, Status.CANCELLED}),
            Status.ACTIVE: frozenset({Status.ENDED}),
            Status.DECLINED: frozenset(),
            Status.ENDED: frozenset(),
            Status.CANCELLED: frozenset(),
        },
        policy="lotsen.placements.policies.can_move_placement",
        stamp="status_changed_at",
    )
    # Statuses that occupy one of the opening's seats.
    SEAT_HOLDING = (Status.ACCEPTED, Status.AGREED, Status.ACTIVE)
    CURRENT = (Status.PROPOSED, Status.ACCEPTED, Status.AGREED, Status.ACTIVE)
    # Statuses in which the agreement may be written, changed and approved (decision 0208).
    AGREEMENT_OPEN = (Status.ACCEPTED, Status.AGREED, Status.ACTIVE)
    # A supervisor follows up an active placement at least this often.
    FOLLOW_UP_INTERVAL_DAYS = 30

    class ExitReason(models.TextChoices):
        COMPLETED = "completed", _("Planned end reached")
        WORK = "work", _("Got a job")
        STUDIES = "studies", _("Started studies")
        HEALTH = "health", _("Health reasons")
        PARTICIPANT_CHOICE = "participant_choice", _("The participant's own choice")
        ENTERPRISE_CHOICE = "enterprise_choice", _("The enterprise ended it")
        OTHER = "other", _("Other reason")

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="placements", verbose_name=_("referral")
    )
    # The referral's participant, kept on the placement so that the effect figures count
    # people without joining the referrals (decision 0210). Set from the referral on save.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="placements",
        editable=False,
        verbose_name=_("participant"),
    )
    opening = models.ForeignKey(
        Opening,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("work-training place"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    exit_reason = models.CharField(
        _("reason for ending"), max_length=20, choices=ExitReason.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    income_source_after = models.CharField(
        _("income source after"), max_length=30, choices=IncomeSource.choices, blank=True
    )
    # Measured like Participant.work_study_percent so the report compares before and after.
    work_study_percent_after = models.PositiveSmallIntegerField(
        _("work or studies after exit, percent of 40 hours a week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # Set when the coordinator took the enterprise's answer by phone (decision 0141).
    answer_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answer recorded by"),
    )
    answered_by_phone = models.BooleanField(_("answered by phone"), default=False)
    withdrawal_reason = models.CharField(
        _("reason for withdrawing the proposal"), max_length=300, blank=True
    )

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            # Capacity counts the seat-holding placements of one opening.
            models.Index(fields=["opening", "status"], name="placement_opening_status"),
            # The placement list shows the newest first, a page at a time.
            models.Index(fields=["-proposed_at"], name="placement_newest"),
            # The inbox and the reminders read the placements under way by status. Partial,
            # so that SQLite, which keeps no statistics, never takes it for the effect figures'
            # reading of the active and ended placements, most of the table.
            models.Index(
                fields=["status"],
                condition=models.Q(status__in=["accepted", "agreed", "active"]),
                name="placement_under_way",
            ),
            # The proposals without an answer, longest waiting first: a few thousand among
            # hundreds of thousands, which the planner otherwise seeks in the newest-first order.
            models.Index(
                fields=["proposed_at"],
                condition=models.Q(status="proposed"),
                name="placement_waiting_proposals",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.referral.participant.code} – {self.opening.title}"

    def get_absolute_url(self) -> str:
        return reverse("placements:placement_detail", args=[self.pk])

    def save(self, *args, **kwargs) -> None:
        if self.participant_id is None:
            self.participant_id = self.referral.participant_id
        super().save(*args, **kwargs)

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING

    @property
    def outcome_group(self) -> str:
        return outcome_group(self.outcome) if self.outcome else ""


class PlacementAgreement(WorkflowModel):
    """The three-party agreement: participant, enterprise and referring party.

    Each party approves one version of the terms. A change of terms makes a new version,
    and the approvals given to the old one no longer count (decision 0208).
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved by the parties")

    workflow = Workflow(
        transitions={
            Status.AWAITING_APPROVAL: frozenset({Status.APPROVED}),
            # Changed terms need the three approvals again (agreement_save).
            Status.APPROVED: frozenset({Status.AWAITING_APPROVAL}),
        },
        policy="lotsen.placements.policies.can_move_agreement",
    )

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="agreement")
    goals = models.TextField(_("goals"))
    schedule = models.TextField(_("schedule"), help_text=_("Days and times, e.g. Mon–Thu 9–13."))
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    supervisor = models.ForeignKey(
        Supervisor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("supervisor"),
    )
    adaptations = models.JSONField(_("adaptations"), default=list, blank=True)
    start_date = models.DateField(_("start date"))
    planned_end_date = models.DateField(_("planned end date"))
    # Counts the versions of the terms; an approval names the version it approved.
    version = models.PositiveIntegerField(_("version"), default=1)
    terms_fingerprint = models.CharField(_("fingerprint of the terms"), max_length=64, blank=True)
    enterprise_approved_at = models.DateTimeField(null=True, blank=True)
    enterprise_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referrer_approved_at = models.DateTimeField(null=True, blank=True)
    referrer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_APPROVAL
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("placement agreement")
        verbose_name_plural = _("placement agreements")

    def __str__(self) -> str:
        return f"agreement for placement {self.placement_id}"

    def clean(self) -> None:
        if self.start_date and self.planned_end_date and self.planned_end_date < self.start_date:
            raise ValidationError(
                {"planned_end_date": _("The planned end cannot be before the start.")},
                code="end_before_start",
            )

    @property
    def adaptation_labels(self) -> list[str]:
        return coded_labels(Adaptation, self.adaptations)

    def compute_fingerprint(self) -> str:
        """The fingerprint of the terms as they stand in this instance, saved or not."""
        return terms_fingerprint({name: getattr(self, name) for name in TERMS})

    @property
    def short_fingerprint(self) -> str:
        """The start of the fingerprint, printed so a signed paper names its terms."""
        return self.terms_fingerprint[:8]

    @property
    def participant_approval(self) -> "ParticipantApproval | None":
        """The participant's approval of the current version, if given."""
        return self.participant_approvals.filter(version=self.version).first()

    @property
    def awaits_participant_approval(self) -> bool:
        """Whether the current version waits for the participant's approval."""
        return self.status == self.Status.AWAITING_APPROVAL and self.participant_approval is None

    @property
    def fully_approved(self) -> bool:
        return bool(
            self.enterprise_approved_at
            and self.referrer_approved_at
            and self.participant_approval is not None
        )


def approval_scan_path(instance: "ParticipantApproval", filename: str) -> str:
    return random_upload_name("agreement-approvals", filename)


class ParticipantApproval(models.Model):
    """The participant's approval of one version of an agreement, and how it was given.

    One row per version: when the terms change, the approval of the old version stays as
    the record of what the participant approved, but no longer counts (decision 0208).
    """

    class Method(models.TextChoices):
        E_LEGITIMATION = "e_legitimation", _("E-legitimation")
        PAPER = "paper", _("On paper, recorded by the coordinator")
        # Agreements approved before Lotsen asked the participant (migration 0012).
        LEGACY = "legacy", _("Approved before Lotsen recorded the participant's approval")

    agreement = models.ForeignKey(
        PlacementAgreement,
        on_delete=models.CASCADE,
        related_name="participant_approvals",
        verbose_name=_("placement agreement"),
    )
    version = models.PositiveIntegerField(_("version"))
    terms_fingerprint = models.CharField(_("fingerprint of the terms"), max_length=64, blank=True)
    approved_at = models.DateTimeField(_("approved"), default=timezone.now)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    # The e-legitimation used (e.g. BankID, Freja eID) and the assurance level it
    # asserted, as the identity provider's URI
    # (e.g. http://id.elegnamnden.se/loa/1.0/loa3).
    identity_provider = models.CharField(_("e-legitimation"), max_length=100, blank=True)
    assurance = models.CharField(_("assurance level"), max_length=200, blank=True)
    # A paper approval: the coordinator who recorded it and the scan of the signed page.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    scan = models.FileField(_("scanned page"), upload_to=approval_scan_path, blank=True)

    class Meta:
        ordering = ["agreement", "version"]
        verbose_name = _("participant's approval")
        verbose_name_plural = _("participants' approvals")
        constraints = [
            # A second approval of the same version is refused even by a racing request.
            models.UniqueConstraint(
                fields=["agreement", "version"], name="one_participant_approval_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} v{self.version} {self.method}"


class PipelineNotice(models.Model):
    """One e-mail sent about a waiting step of a placement, so each is sent once only.

    ``step`` names the waiting item within its placement: "proposal",
    "enterprise_approval", "referrer_approval", "follow_up:<due date>" or
    "outcome_check:<months>" (lotsen.placements.pipeline).
    """

    class Kind(models.TextChoices):
        REQUEST = "request", _("Request to act")
        REMINDER = "reminder", _("Reminder")
        ESCALATION = "escalation", _("Alert to the coordinator")
        EXPIRY = "expiry", _("Proposal expired")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="notices", verbose_name=_("placement")
    )
    step = models.CharField(_("step"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("pipeline notice")
        verbose_name_plural = _("pipeline notices")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "step", "kind"], name="one_notice_per_step_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.step} {self.kind}"
