"""Requests through the one door (ärenden) and their threads.

Due dates count Swedish working days (lotsen.core.workdays).
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import SupportArea
from lotsen.core.uploads import random_upload_name
from lotsen.core.workdays import add_working_days
from lotsen.core.workflow import StatusChange, Workflow, WorkflowModel

from .catalogue import DEFAULT_FIRST_RESPONSE_DAYS, DEFAULT_RESOLUTION_DAYS, Offer


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupportRequestQuerySet":
        from .. import policies

        return policies.requests_visible_to(user, self)

    def open(self) -> "SupportRequestQuerySet":
        return self.filter(status__in=SupportRequest.Status.open_values())

    def overdue(self, today: date | None = None) -> "SupportRequestQuerySet":
        today = today or timezone.localdate()
        return self.filter(SupportRequest.overdue_condition(today))

    def due_for_erasure(self, today: date | None = None) -> "SupportRequestQuerySet":
        today = today or timezone.localdate()
        years_back = today.year - SupportRequest.RETENTION_YEARS
        try:
            cutoff = today.replace(year=years_back)
        except ValueError:  # 29 February in a year that has none
            cutoff = today.replace(year=years_back, day=28)
        return self.filter(
            status=SupportRequest.Status.CLOSED, closed_at__date__lt=cutoff, erased_at__isnull=True
        )


class SupportRequest(WorkflowModel):
    """A request for help through the one door (ärende)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TRIAGED = "triaged", _("Triaged")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", pgettext_lazy("support request", "Closed")

        @classmethod
        def open_values(cls) -> list[str]:
            return [cls.NEW, cls.TRIAGED, cls.IN_PROGRESS]

    workflow = Workflow(
        transitions={
            Status.NEW: frozenset({Status.TRIAGED}),
            Status.TRIAGED: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
            Status.IN_PROGRESS: frozenset({Status.RESOLVED}),
            # The requester may reopen a resolved request that did not help.
            Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
            Status.CLOSED: frozenset(),
        },
        policy="lotsen.support.policies.can_move",
    )

    class Outcome(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to a provider")
        ANSWERED = "answered", _("Answered by the coordinator")
        # Set by lotsen.placements.services.referral_open_from_support_request (decision 0191).
        REFERRAL = "referral", _("Converted into a referral to work training")
        EVENT = "event", _("Registered for an event")

    class Channel(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Public form")
        SIGNED_IN = "signed_in", _("Signed in")

    # Closed requests keep the requester's contact data and texts this long (gallring).
    RETENTION_YEARS = 2
    ERASED_TEXT = "–"

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    area = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("area"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("your question"), max_length=5000)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("requester"),
    )
    requester_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("requesting organisation"),
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=20, blank=True)
    contact_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    assigned_provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_support_requests",
        verbose_name=_("provider"),
    )
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("offer"),
    )
    # The registration made when triage converted the request into an event registration.
    event_registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("event registration"),
    )
    created_at = models.DateTimeField(
        pgettext_lazy("support request", "received"), default=timezone.now
    )
    first_response_due = models.DateField(_("first response due"))
    resolution_due = models.DateField(_("resolution due"))
    first_responded_at = models.DateTimeField(_("first responded"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("comment"), max_length=2000, blank=True)
    erased_at = models.DateTimeField(_("contact data erased"), null=True, blank=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("support request")
        verbose_name_plural = _("support requests")
        indexes = [
            # The lists and the inbox filter open requests and order them by age.
            models.Index(fields=["status", "created_at"], name="request_status_created"),
            models.Index(fields=["assigned_provider", "status"], name="request_provider_status"),
            models.Index(fields=["requester_organisation", "status"], name="request_org_status"),
            # Effect measurement counts the requests received and resolved in a period.
            models.Index(fields=["created_at"], name="request_created"),
            models.Index(fields=["resolved_at"], name="request_resolved"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="request_rating_one_to_five",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("support:request_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"S-{self.pk:05d}" if self.pk else "S-?"

    @property
    def requester_email(self) -> str:
        return self.requester.email if self.requester_id else self.contact_email

    @property
    def requester_name(self) -> str:
        return self.requester.get_full_name() if self.requester_id else self.contact_name

    @staticmethod
    def overdue_condition(today: date) -> Q:
        open_statuses = SupportRequest.Status.open_values()
        return Q(
            status__in=open_statuses, first_responded_at__isnull=True, first_response_due__lt=today
        ) | Q(status__in=open_statuses, resolution_due__lt=today)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.status not in self.Status.open_values():
            return False
        return self.resolution_due < today or (
            self.first_responded_at is None and self.first_response_due < today
        )

    def set_due_dates(self) -> None:
        """Count the targets of the request's area from the day it came in."""
        target = getattr(self.area, "target", None) if self.area_id else None
        first = target.first_response_days if target else DEFAULT_FIRST_RESPONSE_DAYS
        resolution = target.resolution_days if target else DEFAULT_RESOLUTION_DAYS
        received = timezone.localdate(self.created_at)
        self.first_response_due = add_working_days(received, first)
        self.resolution_due = add_working_days(received, resolution)

    def move_to(self, status: str, *, actor=None, reason: str = "", changes=None) -> StatusChange:
        """Take a step of the request's workflow, with the times it sets."""
        now = timezone.now()
        times = {
            self.Status.RESOLVED: {"resolved_at": now},
            self.Status.CLOSED: {"closed_at": now},
            self.Status.IN_PROGRESS: {"resolved_at": None},
        }.get(status, {})
        return super().move_to(
            status, actor=actor, reason=reason, changes={**times, **(changes or {})}
        )


def attachment_path(message: "Message", filename: str) -> str:
    # Random, not the request's id and the uploaded name: a path must not be guessable.
    return random_upload_name("support", filename)


class Message(models.Model):
    """A message in a request's thread; internal notes never reach the requester."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"), max_length=5000)
    is_internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Seen only by the coordinator and the provider, never by the requester."),
    )
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("message", "sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.request.reference} {self.created_at:%Y-%m-%d %H:%M}"
