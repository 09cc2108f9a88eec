"""Events and trainings of the support structure, and who registered for them.

Times are stored in UTC and shown in Europe/Stockholm. A registration is
either confirmed (it holds a place), on the waiting list or cancelled; the
transition table below says which moves are allowed. Visitors' personal data
is erased a configurable time after the event (see services.py), while the
organisation, municipality and attendance stay for the turnout figures.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import Municipality, SupportArea
from lotsen.core.workflow import Workflow, WorkflowModel
from lotsen.organisations.models import Organisation

CANCEL_SALT = "events.registration.cancel"


class RegistrationRefused(ValidationError):
    """A registration, cancellation or evaluation that the rules do not allow."""


class EventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EventQuerySet":
        from . import policies

        return policies.events_visible_to(user, self)

    def managed_by(self, user) -> "EventQuerySet":
        from . import policies

        return policies.events_managed_by(user, self)

    def upcoming(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "id")

    def past(self, now: datetime | None = None) -> "EventQuerySet":
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-id")

    def with_counts(self) -> "EventQuerySet":
        """Annotate places taken, waiting, attended and no-shows, each counted per event.

        Counted in a subquery per event rather than by grouping the join: a page of a
        list then counts only its own events' registrations, and the list's total needs
        no join at all.
        """
        status = Registration.Status

        def registrations(**conditions) -> Coalesce:
            counted = (
                Registration.objects.filter(event=OuterRef("pk"), **conditions)
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(counted), 0)

        return self.annotate(
            confirmed_count=registrations(status=status.CONFIRMED),
            waiting_count=registrations(status=status.WAITING),
            attended_count=registrations(status=status.CONFIRMED, attended=True),
            no_show_count=registrations(status=status.CONFIRMED, attended=False),
        )


class Event(models.Model):
    """A meeting, training or visit that people register for (evenemang)."""

    class Kind(models.TextChoices):
        NETWORK_MEETING = "network_meeting", _("Network meeting")
        BREAKFAST_MEETING = "breakfast_meeting", _("Breakfast meeting")
        SEMINAR = "seminar", _("Seminar")
        COURSE = "course", _("Course")
        SUPERVISOR_TRAINING = "supervisor_training", _("Supervisor training")
        ASF_SCHOOL = "asf_school", _("ASF school")
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference")
        WORKSHOP = "workshop", _("Workshop")
        STEERING_GROUP_MEETING = "steering_group_meeting", _("Steering-group meeting")

    class Audience(models.TextChoices):
        ENTERPRISES = "enterprises", _("Social enterprises")
        PUBLIC_SECTOR = "public_sector", _("Public sector")
        EVERYONE = "everyone", _("Everyone")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    # Kinds that are never shown outside the support structure.
    MEMBERS_ONLY_KINDS = frozenset({Kind.STEERING_GROUP_MEETING})

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address in the web"), max_length=220, unique=True, blank=True)
    description = models.TextField(_("description"))
    support_area = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("support area"),
    )
    organisers = models.ManyToManyField(
        Organisation, related_name="organised_events", verbose_name=_("organisers")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Address or room.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("municipality"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    has_waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, further registrations wait for a place."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    evaluation_sent_at = models.DateTimeField(_("evaluation sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            # The calendar lists coming events of one visibility in start order.
            models.Index(fields=["visibility", "ends_at", "starts_at"], name="event_calendar"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        if self.kind in self.MEMBERS_ONLY_KINDS:
            self.visibility = self.Visibility.MEMBERS
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The event must end after it starts."), code="ends_before_start"
            )
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = ValidationError(
                _("Registration must close after it opens."), code="closes_before_opens"
            )
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = ValidationError(
                _("Registration cannot close after the event has ended."),
                code="closes_after_end",
            )
        if not self.place and not self.online_url:
            errors["place"] = ValidationError(
                _("Give a place, an online link or both."), code="no_place"
            )
        if self.kind in self.MEMBERS_ONLY_KINDS and self.visibility == self.Visibility.PUBLIC:
            errors["visibility"] = ValidationError(
                _("Steering-group meetings are for members only."), code="members_only_kind"
            )
        if errors:
            raise ValidationError(errors)

    def _unique_slug(self) -> str:
        local_start = timezone.localtime(self.starts_at)
        base = slugify(f"{self.title} {local_start:%Y-%m-%d}")[:200] or "evenemang"
        slug, suffix = base, 2
        while Event.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @property
    def is_members_only(self) -> bool:
        return self.visibility == self.Visibility.MEMBERS

    @property
    def duration(self) -> timedelta:
        # Subtracting two times of the same zone gives wall-clock time, which is an
        # hour off across a daylight-saving switch; in UTC the difference is real.
        return self.ends_at.astimezone(UTC) - self.starts_at.astimezone(UTC)

    def has_started(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def is_over(self, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def registration_closes(self) -> datetime:
        """Registration closes at the set time, at the latest when the event starts."""
        return self.registration_closes_at or self.starts_at

    def registration_refusal(self, now: datetime | None = None) -> RegistrationRefused | None:
        """Why registering now is not possible, or None when it is."""
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationRefused(
                _("Registration has not opened yet. It opens %(opens)s.")
                % {"opens": _local(self.registration_opens_at)},
                code="not_open",
            )
        if now >= self.registration_closes():
            return RegistrationRefused(_("Registration for this event has closed."), code="closed")
        return None

    def places_taken(self) -> int:
        return self.registrations.filter(status=Registration.Status.CONFIRMED).count()

    def places_left(self) -> int | None:
        """Free places, or None when the event has no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken(), 0)


def _local(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RegistrationQuerySet":
        from . import policies

        return policies.registrations_visible_to(user, self)

    def counted_for(self, user) -> "RegistrationQuerySet":
        """Registrations the user may see counted in aggregate turnout figures."""
        from . import policies

        return policies.registrations_counted_for(user, self)

    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def waiting_in_line(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "id")


class Registration(WorkflowModel):
    """One person's registration (anmälan) for one event."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("event registration", "Cancelled")

    workflow = Workflow(
        transitions={
            Status.CONFIRMED: frozenset({Status.CANCELLED}),
            Status.WAITING: frozenset({Status.CONFIRMED, Status.CANCELLED}),
            Status.CANCELLED: frozenset(),
        },
        policy="lotsen.events.policies.can_move_registration",
        stamp="status_changed_at",
    )
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    # Set for logged-in users; visitors register with name and e-mail only.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    organisation_name = models.CharField(_("organisation (other)"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("municipality"),
    )
    # Restricted free text: dietary and access needs only.
    needs = models.TextField(_("dietary or access needs"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # The site language at registration; e-mails to the person are written in it.
    language = models.CharField(_("language"), max_length=10, default="sv")
    # None until the organiser has marked attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("event registration", "registered"), default=timezone.now
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            # Counting places and finding the first in line read by event and status.
            models.Index(fields=["event", "status", "created_at"], name="registration_queue"),
        ]
        constraints = [
            # A backstop for the duplicate check in registration_create.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="one_active_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.erased_at:
            return str(_("(erased)"))
        return self.name or self.email

    @property
    def is_visitor(self) -> bool:
        return self.user_id is None

    @property
    def organisation_display(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name

    @property
    def municipality_display(self) -> str:
        """Where the person works: as given, else their organisation's municipality."""
        if self.municipality:
            return self.municipality.name
        if self.organisation and self.organisation.municipality:
            return self.organisation.municipality.name
        return ""

    # Tokens for links in e-mail that work without logging in.
    # The signature is the key: without SECRET_KEY nobody can make a link for another id.
    def cancel_token(self) -> str:
        return signing.Signer(salt=CANCEL_SALT).sign(str(self.pk))

    @classmethod
    def from_cancel_token(cls, token: str) -> "Registration":
        return cls._from_token(token, CANCEL_SALT)

    @classmethod
    def _from_token(cls, token: str, salt: str) -> "Registration":
        try:
            pk = int(signing.Signer(salt=salt).unsign(token))
        except (signing.BadSignature, ValueError) as error:
            raise cls.DoesNotExist from error
        return cls.objects.select_related("event").get(pk=pk)

    def cancel_url(self) -> str:
        return reverse("events:cancel", args=[self.cancel_token()])
