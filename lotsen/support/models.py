"""The support function, "en väg in": offers, requests, the time bank and mentors.

A request (ärende) is the one door: whoever asks, the coordinator triages it
to a provider, answers it, or forwards it. Due dates count Swedish working
days (lotsen.core.workdays). The time bank is an append-only ledger whose
balance never goes below zero.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import Municipality, SupportArea
from lotsen.core.uploads import random_upload_name
from lotsen.core.workdays import add_working_days
from lotsen.core.workflow import StatusChange, Workflow, WorkflowModel

# Used when a request names no area, or an area has no target of its own.
DEFAULT_FIRST_RESPONSE_DAYS = 2
DEFAULT_RESOLUTION_DAYS = 15


class SupportError(ValidationError):
    """A refused action on a request, offer or time bank account; `code` says which."""


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a time bank entry."""


class SupportAreaTarget(models.Model):
    """How fast requests in one support area are answered and resolved, in working days."""

    area = models.OneToOneField(
        SupportArea,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="target",
        verbose_name=_("support area"),
    )
    first_response_days = models.PositiveSmallIntegerField(
        _("first response within (working days)"), default=DEFAULT_FIRST_RESPONSE_DAYS
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("resolved within (working days)"), default=DEFAULT_RESOLUTION_DAYS
    )

    class Meta:
        ordering = ["area__position"]
        verbose_name = _("support area target")
        verbose_name_plural = _("support area targets")

    def __str__(self) -> str:
        return str(self.area)


class OfferQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OfferQuerySet":
        from . import policies

        return policies.offers_visible_to(user, self)

    def published(self) -> "OfferQuerySet":
        return self.filter(is_published=True)


class Offer(models.Model):
    """Something a support actor offers the enterprises or the public sector."""

    class Format(models.TextChoices):
        ADVICE = "advice", _("Advice")
        COURSE = "course", _("Course")
        COACHING = "coaching", _("Coaching")
        MENTORING = "mentoring", _("Mentoring")
        NETWORK = "network", _("Network")
        OTHER = "other", _("Other")

    class Cost(models.TextChoices):
        FREE = "free", _("Free of charge")
        SUBSIDISED = "subsidised", _("Subsidised")
        PRICE = "price", _("At a price")

    provider = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="offers",
        verbose_name=_("provider"),
        limit_choices_to={"kind": "support_actor"},
    )
    area = models.ForeignKey(
        SupportArea, on_delete=models.PROTECT, related_name="offers", verbose_name=_("area")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    cost = models.CharField(_("cost"), max_length=20, choices=Cost.choices)
    price = models.CharField(
        _("price"), max_length=200, blank=True, help_text=_("For example 800 kr per hour.")
    )
    audience = models.CharField(
        _("who may use it"), max_length=20, choices=SupportArea.Audience.choices
    )
    hours_per_year = models.DecimalField(
        _("hours included per enterprise and year"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["area__position", "title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            # The public catalogue lists published offers per area.
            models.Index(fields=["is_published", "area"], name="offer_published_area"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("support:offer_detail", args=[self.pk])

    def clean(self) -> None:
        if self.cost == self.Cost.PRICE and not self.price:
            raise ValidationError({"price": _("State the price when the offer costs money.")})


class SupportRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupportRequestQuerySet":
        from . import policies

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


class TimeBankAccountQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TimeBankAccountQuerySet":
        from . import policies

        return policies.accounts_visible_to(user, self)

    def for_request(self, support_request: SupportRequest, year: int):
        """The account a request draws on: its offer's first, else its area's."""
        if not support_request.requester_organisation_id:
            return None
        mine = self.filter(enterprise_id=support_request.requester_organisation_id, year=year)
        if support_request.offer_id:
            account = mine.filter(offer_id=support_request.offer_id).first()
            if account:
                return account
        if support_request.area_id:
            return mine.filter(offer__isnull=True, area_id=support_request.area_id).first()
        return None


class TimeBankAccount(models.Model):
    """An enterprise's free advice hours for one year, for an offer or an area (timbank)."""

    enterprise = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="time_bank_accounts",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_accounts",
        verbose_name=_("offer"),
    )
    area = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_accounts",
        verbose_name=_("area"),
    )
    # The sum of the entries, kept on the row so that a row lock guards it.
    balance = models.DecimalField(
        _("balance (hours)"), max_digits=7, decimal_places=2, default=Decimal("0")
    )

    objects = TimeBankAccountQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "enterprise__name"]
        verbose_name = _("time bank account")
        verbose_name_plural = _("time bank accounts")
        constraints = [
            # The last guard: whatever the code does, the database refuses a negative balance.
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="time_bank_balance_never_negative"
            ),
            models.CheckConstraint(
                condition=Q(offer__isnull=False) | Q(area__isnull=False),
                name="time_bank_account_offer_or_area",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "year", "offer"],
                condition=Q(offer__isnull=False),
                name="time_bank_one_account_per_offer",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "year", "area"],
                condition=Q(offer__isnull=True),
                name="time_bank_one_account_per_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}: {self.scope}"

    def get_absolute_url(self) -> str:
        return reverse("support:timebank_account", args=[self.pk])

    @property
    def scope(self) -> str:
        return str(self.offer) if self.offer_id else str(self.area)


class TimeBankEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Time bank entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Time bank entries cannot be deleted.")


class TimeBankEntry(models.Model):
    """One line of the ledger: hours granted (positive) or delivered (negative).

    Delivered hours the time bank does not cover, because the requester has no
    grant for them or it is spent, are a delivery without an account (decision 0149).
    """

    class Kind(models.TextChoices):
        GRANT = "grant", _("Yearly grant")
        TOP_UP = "top_up", _("Top-up")
        DELIVERY = "delivery", _("Hours delivered")

    account = models.ForeignKey(
        TimeBankAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    balance_after = models.DecimalField(
        _("balance after"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_entries",
        verbose_name=_("request"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = TimeBankEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("time bank entry")
        verbose_name_plural = _("time bank entries")
        constraints = [
            # Only a delivery may lie outside the time bank, and then it has no balance.
            models.CheckConstraint(
                condition=Q(account__isnull=False, balance_after__isnull=False)
                | Q(account__isnull=True, balance_after__isnull=True, kind="delivery"),
                name="time_bank_entry_outside_only_delivery",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.kind} {self.hours}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Time bank entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Time bank entries cannot be deleted.")


class MentorQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MentorQuerySet":
        from . import policies

        return policies.mentors_visible_to(user, self)

    def with_active_matches(self) -> "MentorQuerySet":
        return self.annotate(
            active_matches=models.Count(
                "matches", filter=Q(matches__ended_at__isnull=True), distinct=True
            )
        )


class Mentor(models.Model):
    """A mentor or business coach, at a support actor or independent."""

    full_name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentors",
        verbose_name=_("organisation"),
        help_text=_("Leave empty for an independent mentor."),
    )
    areas = models.ManyToManyField(
        SupportArea, related_name="mentors", verbose_name=_("competence areas")
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="mentors", verbose_name=_("municipalities")
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=3, help_text=_("How many enterprises at the same time.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return self.full_name


class MentorMatchQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MentorMatchQuerySet":
        from . import policies

        return policies.matches_visible_to(user, self)


class MentorMatch(models.Model):
    """A mentor matched by the coordinator to an enterprise's request."""

    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="matches", verbose_name=_("mentor")
    )
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.CASCADE,
        related_name="mentor_matches",
        verbose_name=_("request"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("matched"), default=timezone.now)
    ended_at = models.DateTimeField(pgettext_lazy("mentor match", "ended"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("comment"), max_length=2000, blank=True)

    objects = MentorMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mentor match")
        verbose_name_plural = _("mentor matches")
        constraints = [
            models.UniqueConstraint(fields=["mentor", "request"], name="one_match_per_mentor"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.request.reference}"

    def get_absolute_url(self) -> str:
        return reverse("support:match_detail", args=[self.pk])


class MentorMeeting(models.Model):
    match = models.ForeignKey(MentorMatch, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("24"))],
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("mentor meeting")
        verbose_name_plural = _("mentor meetings")

    def __str__(self) -> str:
        return f"{self.match} {self.held_on}"
