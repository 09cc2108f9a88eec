"""The pilot function (lotsfunktionen): openings, participants, referrals, placements.

A participant's identity lives apart in ParticipantIdentity, encrypted; every
other table holds pseudonymous data that the national follow-up (Finsam)
counts. Each referral is one episode; a participant may come back.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, transaction
from django.db.models import Count, F, RowRange, Window
from django.db.models.functions import Coalesce, FirstValue, LastValue, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Industry, Municipality, Occupation

from . import consent, identity


class TransitionError(ValidationError):
    """A status change the pipeline does not allow."""

    def __init__(self, message, code: str = "invalid_transition", params=None):
        super().__init__(message, code=code, params=params)


class Adaptation(models.TextChoices):
    """Coded adaptations: what an opening offers and what a participant needs."""

    QUIET_PLACE = "quiet_place", _("Quiet place")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    PART_TIME_START = "part_time_start", _("Part-time start")
    PHYSICAL = "physical", _("Physical adaptations")
    WRITTEN_INSTRUCTIONS = "written_instructions", _("Written instructions")
    LANGUAGE_SUPPORT = "language_support", _("Language support")
    EXTRA_SUPERVISION = "extra_supervision", _("Extra supervision")
    REGULAR_BREAKS = "regular_breaks", _("Regular breaks")


class Language(models.TextChoices):
    """Languages by ISO 639 code; the national minority languages first after Swedish."""

    SWEDISH = "sv", _("Swedish")
    FINNISH = "fi", _("Finnish")
    MEANKIELI = "fit", _("Meänkieli")
    SAMI = "se", _("Sami")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    SOMALI = "so", _("Somali")
    TIGRINYA = "ti", _("Tigrinya")
    PERSIAN = "fa", _("Persian")
    DARI = "prs", _("Dari")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not stated")


class Education(models.TextChoices):
    COMPULSORY_INCOMPLETE = "compulsory_incomplete", _("Compulsory school not completed")
    COMPULSORY = "compulsory", _("Compulsory school")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    POST_SECONDARY = "post_secondary", _("Post-secondary education")
    UNKNOWN = "unknown", _("Unknown")


class IncomeSource(models.TextChoices):
    """The benefit types of the national Finsam follow-up."""

    SICKNESS_BENEFIT = "sickness_benefit", _("Sickness or rehabilitation benefit")
    ACTIVITY_COMPENSATION = "activity_compensation", _("Activity compensation")
    SICKNESS_COMPENSATION = "sickness_compensation", _("Sickness compensation")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    ACTIVITY_SUPPORT = "activity_support", _("Activity support")
    ESTABLISHMENT_BENEFIT = "establishment_benefit", _("Establishment benefit")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    SALARY = "salary", _("Salary")
    NONE = "none", _("No income")
    OTHER = "other", _("Other")


class SupportDuration(models.TextChoices):
    UNDER_1 = "under_1", _("Less than 1 year")
    FROM_1_TO_3 = "1_to_3", _("1 to 3 years")
    FROM_3_TO_5 = "3_to_5", _("3 to 5 years")
    OVER_5 = "over_5", _("More than 5 years")
    UNKNOWN = "unknown", _("Unknown")


class Outcome(models.TextChoices):
    """Exit outcomes in the grouping of the national follow-up."""

    WORK_UNSUBSIDISED = "work_unsubsidised", _("Work without subsidy")
    WORK_SUBSIDISED = "work_subsidised", _("Work with subsidy")
    WORK_AT_ENTERPRISE = "work_at_enterprise", _("Employed by the social enterprise")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Actively seeking work")
    OTHER_MEASURE = "other_measure", _("Other measure")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    DROP_OUT = "drop_out", _("Dropped out")
    MOVED = "moved", _("Moved")
    UNKNOWN = "unknown", _("Unknown")


class OutcomeGroup(models.TextChoices):
    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    JOB_SEEKING = "job_seeking", _("Actively seeking work")
    OTHER = "other", _("Other")


OUTCOME_GROUPS = {
    Outcome.WORK_UNSUBSIDISED: OutcomeGroup.WORK,
    Outcome.WORK_SUBSIDISED: OutcomeGroup.WORK,
    Outcome.WORK_AT_ENTERPRISE: OutcomeGroup.WORK,
    Outcome.STUDIES: OutcomeGroup.STUDIES,
    Outcome.JOB_SEEKING: OutcomeGroup.JOB_SEEKING,
}


def outcome_group(outcome: str) -> str:
    return OUTCOME_GROUPS.get(outcome, OutcomeGroup.OTHER)


def coded_labels(choices: type[models.TextChoices], codes: list[str]) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels[code]) for code in codes if code in labels]


# ---------------------------------------------------------------- openings


class OpeningQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OpeningQuerySet":
        from . import policies

        return policies.openings_visible_to(user, self)

    def with_seats_taken(self) -> "OpeningQuerySet":
        # A subquery rather than a join with GROUP BY: a page of a long list, sorted and
        # cut first, then counts the seats of its own rows only.
        holding = (
            Placement.objects.filter(
                opening=models.OuterRef("pk"), status__in=Placement.SEAT_HOLDING
            )
            .order_by()
            .values("opening")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(seats_taken=Coalesce(models.Subquery(holding), 0)).annotate(
            seats_free=models.F("capacity") - models.F("seats_taken")
        )


class Opening(models.Model):
    """A work-training place (arbetsträningsplats) at a social enterprise."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    enterprise = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="openings",
        verbose_name=_("enterprise"),
    )
    title = models.CharField(_("title"), max_length=200)
    tasks = models.TextField(_("tasks"))
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("industry (SNI)")
    )
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("occupation (SSYK)"),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, verbose_name=_("municipality")
    )
    # Optional exact position; without it matching uses the municipal seat.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    hours_min = models.PositiveSmallIntegerField(
        _("hours per week, at least"), validators=[MaxValueValidator(40)]
    )
    hours_max = models.PositiveSmallIntegerField(
        _("hours per week, at most"), validators=[MaxValueValidator(40)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        help_text=_("How many participants the place takes at the same time."),
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    adaptations = models.JSONField(_("adaptations available"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    public_transport = models.BooleanField(_("reachable by public transport"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    available_from = models.DateField(_("available from"), default=datetime.date.today)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpeningQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise__name", "title"]
        verbose_name = _("work-training place")
        verbose_name_plural = _("work-training places")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="opening_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_min__lte=models.F("hours_max")),
                name="opening_hours_min_not_above_max",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("placements:opening_detail", args=[self.pk])

    def clean(self) -> None:
        if (
            self.hours_min is not None
            and self.hours_max is not None
            and self.hours_min > self.hours_max
        ):
            raise ValidationError(
                {"hours_min": _("The least hours cannot be more than the most hours.")},
                code="hours_reversed",
            )

    @property
    def adaptation_labels(self) -> list[str]:
        return coded_labels(Adaptation, self.adaptations)

    @property
    def language_labels(self) -> list[str]:
        return coded_labels(Language, self.languages)


class Supervisor(models.Model):
    """A supervisor (handledare) at an opening."""

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="supervisors")
    name = models.CharField(_("name"), max_length=200)
    trained = models.BooleanField(_("has taken supervisor training"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supervisor")
        verbose_name_plural = _("supervisors")

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------- participants


CODE_PREFIX = "LP-"


def new_participant_code() -> str:
    # No 0/O or 1/I: the code is read aloud and copied by hand.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return CODE_PREFIX + "".join(secrets.choice(alphabet) for _ in range(6))


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ParticipantQuerySet":
        from . import policies

        return policies.participants_visible_to(user, self)

    def consenting_to(self, use: consent.Use) -> "ParticipantQuerySet":
        return self.filter(consent.consenting_to(use))

    def findable_by_identity(self, user) -> "ParticipantQuerySet":
        from . import policies

        return policies.participants_findable_by_identity(user, self)

    def _with_identity(self) -> "ParticipantQuerySet":
        # Anonymous participants have no identity; an erased one is never found again.
        return self.filter(consent_given=True, identity__erased_at__isnull=True)

    def with_identity_number(self, number: "identity.IdentityNumber") -> "ParticipantQuerySet":
        """The participant with this number: an exact match of the keyed hash."""
        return self._with_identity().filter(
            identity__identity_number_hash=identity.lookup_hash(number)
        )

    def with_name(self, name: str) -> "ParticipantQuerySet":
        """Participants whose name has every word of `name`, found by the blind index."""
        words = identity.name_words(name)
        if not words:
            return self.none()
        found = self._with_identity()
        for word in words:
            # Hashes have one length and are separated by spaces: a match is a whole word.
            found = found.filter(identity__name_index__contains=identity.name_word_hash(word))
        return found


class Participant(models.Model):
    """A person in the pilot function, known here only by a pseudonymous code."""

    ConsentScope = consent.Scope

    code = models.CharField(_("code"), max_length=12, unique=True, default=new_participant_code)
    registered_by_party = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="registered_participants",
        verbose_name=_("registered by"),
    )
    # Without consent only gender and start year are kept, as in the national follow-up.
    consent_given = models.BooleanField(_("consent given"), default=False)
    consent_scope = models.CharField(
        _("consent scope"), max_length=30, choices=ConsentScope.choices, blank=True
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_withdrawn_on = models.DateField(_("consent withdrawn"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("municipality"),
    )
    education = models.CharField(
        _("highest education"), max_length=30, choices=Education.choices, blank=True
    )
    income_source_start = models.CharField(
        _("income source at start"), max_length=30, choices=IncomeSource.choices, blank=True
    )
    support_duration = models.CharField(
        _("time in public support before"),
        max_length=10,
        choices=SupportDuration.choices,
        blank=True,
    )
    work_study_percent = models.PositiveSmallIntegerField(
        _("work or studies, percent of 40 hours a week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    interest_industries = models.ManyToManyField(
        Industry, blank=True, related_name="+", verbose_name=_("interests: industries (SNI)")
    )
    interest_occupations = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("interests: occupations (SSYK)")
    )
    # Wishes the participant states; matching scores them (the preference part).
    preferred_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="+",
        verbose_name=_("preferred municipalities"),
        help_text=_("Where the participant wishes to do their work training, if anywhere."),
    )
    preferred_industries = models.ManyToManyField(
        Industry,
        blank=True,
        related_name="+",
        verbose_name=_("preferred industries (SNI)"),
        help_text=_(
            "Industries the participant has asked to work in. A place in one of them meets "
            "the wish; the interests above instead score how close a place comes."
        ),
    )
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week possible"), null=True, blank=True, validators=[MaxValueValidator(40)]
    )
    adaptations_needed = models.JSONField(_("adaptations needed"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    has_car = models.BooleanField(_("has a car"), default=False)
    max_travel_km = models.PositiveSmallIntegerField(
        _("can travel at most (km)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("placements:participant_detail", args=[self.code])

    @property
    def is_anonymous(self) -> bool:
        return not self.consent_given

    @property
    def has_active_consent(self) -> bool:
        return self.consent_given and self.consent_withdrawn_on is None

    def consents_to(self, use: consent.Use) -> bool:
        """Whether this participant's data may serve `use` now (decision 0145)."""
        return self.has_active_consent and consent.covers(self.consent_scope, use)

    def consent_gap(self, use: consent.Use) -> str:
        """Why `use` is left undone, in a sentence for the page; empty when consented."""
        if self.consents_to(use):
            return ""
        if not self.consent_given:
            reason = _("the participant is registered without consent")
        elif self.consent_withdrawn_on is not None:
            reason = _("the participant withdrew their consent on %(date)s") % {
                "date": date_format(self.consent_withdrawn_on)
            }
        else:
            reason = _("the participant has not consented to %(use)s") % {"use": use.label}
        return _("%(not_done)s: %(reason)s.") % {
            "not_done": consent.NOT_DONE[use],
            "reason": reason,
        }

    @property
    def consent_gaps(self) -> list[str]:
        """Every use the consent leaves out, each with its reason."""
        return [gap for use in consent.Use if (gap := self.consent_gap(use))]

    @property
    def adaptation_labels(self) -> list[str]:
        return coded_labels(Adaptation, self.adaptations_needed)

    @property
    def language_labels(self) -> list[str]:
        return coded_labels(Language, self.languages)


class ParticipantIdentity(models.Model):
    """Who a participant is: encrypted at rest, erased when retention ends."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="identity"
    )
    name_encrypted = models.TextField(blank=True)
    identity_number_encrypted = models.TextField(blank=True)
    phone_encrypted = models.TextField(blank=True)
    email_encrypted = models.TextField(blank=True)
    # HMAC of the twelve-digit number; finds a returning participant without decrypting.
    identity_number_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Keyed hashes of the name's words (a blind index): search by name without decrypting.
    name_index = models.TextField(blank=True, default="")
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant identity")
        verbose_name_plural = _("participant identities")

    def __str__(self) -> str:
        return f"identity of {self.participant_id}"

    def set_values(self, *, name: str, number: "identity.IdentityNumber", phone: str, email: str):
        self.name_encrypted = identity.encrypt(name)
        self.identity_number_encrypted = identity.encrypt(str(number))
        self.identity_number_hash = identity.lookup_hash(number)
        self.name_index = identity.name_index(name)
        self.phone_encrypted = identity.encrypt(phone)
        self.email_encrypted = identity.encrypt(email)
        self.erased_at = None

    @property
    def name(self) -> str:
        return identity.decrypt(self.name_encrypted)

    @property
    def identity_number(self) -> str:
        return identity.decrypt(self.identity_number_encrypted)

    @property
    def phone(self) -> str:
        return identity.decrypt(self.phone_encrypted)

    @property
    def email(self) -> str:
        return identity.decrypt(self.email_encrypted)

    def erase(self) -> None:
        self.name_encrypted = self.identity_number_encrypted = ""
        self.phone_encrypted = self.email_encrypted = ""
        self.identity_number_hash = None
        self.name_index = ""
        self.erased_at = timezone.now()


# ---------------------------------------------------------------- referrals


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReferralQuerySet":
        from . import policies

        return policies.referrals_visible_to(user, self)

    def open(self) -> "ReferralQuerySet":
        return self.filter(status__in=Referral.OPEN_STATUSES)


class Referral(models.Model):
    """A referral (anvisning) from a party: one episode of a participant."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        INTAKE = "intake", _("Intake")
        MATCHING = "matching", _("Matching")
        PLACED = "placed", _("Placed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    TRANSITIONS = {
        Status.RECEIVED: {Status.INTAKE, Status.DECLINED, Status.WITHDRAWN},
        Status.INTAKE: {Status.MATCHING, Status.DECLINED, Status.WITHDRAWN},
        Status.MATCHING: {Status.PLACED, Status.DECLINED, Status.WITHDRAWN},
        # A placement cancelled before it starts sends the episode back to matching.
        Status.PLACED: {Status.MATCHING},
        Status.DECLINED: set(),
        Status.WITHDRAWN: set(),
    }
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
        ]

    def __str__(self) -> str:
        return f"{self.participant.code} {self.received_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("placements:referral_detail", args=[self.pk])

    def allowed_transitions(self) -> list[str]:
        return sorted(self.TRANSITIONS[self.Status(self.status)])

    def set_status(self, new_status: str, *, decline_reason: str = "") -> None:
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            raise TransitionError(
                _("A referral that is %(current)s cannot become %(new)s."),
                params={
                    "current": self.get_status_display().lower(),
                    "new": str(self.Status(new_status).label).lower()
                    if new_status in self.Status.values
                    else new_status,
                },
            )
        declining = new_status == self.Status.DECLINED
        if declining and not decline_reason.strip():
            raise TransitionError(
                _("Give a reason when a referral is declined."), code="reason_required"
            )
        # A reason is kept only with a decline; refused elsewhere so that no typed text
        # vanishes unseen (decision 0142).
        if decline_reason.strip() and not declining:
            raise TransitionError(
                _(
                    "A reason for declining is kept only when the referral is declined. "
                    "Empty the reason, or choose Declined."
                ),
                code="reason_without_decline",
            )
        self.status = new_status
        self.decline_reason = decline_reason.strip()
        self.status_changed_at = timezone.now()


# ---------------------------------------------------------------- placements


class PlacementQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlacementQuerySet":
        from . import policies

        return policies.placements_visible_to(user, self)

    def follow_up_due(self, on: datetime.date) -> "PlacementQuerySet":
        """Active placements not followed up for FOLLOW_UP_INTERVAL_DAYS, with `last_follow_up`.

        Only those whose participant's consent covers follow-ups (decision 0145).
        """
        return (
            self.filter(
                consent.consenting_to(consent.Use.FOLLOW_UP, "referral__participant"),
                status=Placement.Status.ACTIVE,
            )
            .annotate(last_follow_up=Coalesce(models.Max("follow_ups__date"), "started_on"))
            .filter(
                last_follow_up__lte=on - datetime.timedelta(days=Placement.FOLLOW_UP_INTERVAL_DAYS)
            )
        )


class Placement(models.Model):
    """A participant at an opening: proposed, agreed in three parties, followed up, ended."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted by the enterprise")
        DECLINED = "declined", _("Declined by the enterprise")
        AGREED = "agreed", _("Agreement approved")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ACCEPTED, Status.DECLINED, Status.CANCELLED},
        Status.ACCEPTED: {Status.AGREED, Status.CANCELLED},
        Status.AGREED: {Status.ACTIVE, Status.CANCELLED},
        Status.ACTIVE: {Status.ENDED},
        Status.DECLINED: set(),
        Status.ENDED: set(),
        Status.CANCELLED: set(),
    }
    # Statuses that occupy one of the opening's seats.
    SEAT_HOLDING = (Status.ACCEPTED, Status.AGREED, Status.ACTIVE)
    CURRENT = (Status.PROPOSED, Status.ACCEPTED, Status.AGREED, Status.ACTIVE)
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
        ]

    def __str__(self) -> str:
        return f"{self.referral.participant.code} – {self.opening.title}"

    def get_absolute_url(self) -> str:
        return reverse("placements:placement_detail", args=[self.pk])

    @property
    def participant(self) -> Participant:
        return self.referral.participant

    @property
    def holds_seat(self) -> bool:
        return self.status in self.SEAT_HOLDING

    def set_status(self, new_status: str) -> None:
        if new_status not in self.TRANSITIONS[self.Status(self.status)]:
            raise TransitionError(
                _("A placement that is %(current)s cannot become %(new)s."),
                params={
                    "current": self.get_status_display().lower(),
                    "new": str(self.Status(new_status).label).lower(),
                },
            )
        self.status = new_status
        self.status_changed_at = timezone.now()

    @property
    def outcome_group(self) -> str:
        return outcome_group(self.outcome) if self.outcome else ""


class PlacementAgreement(models.Model):
    """The three-party agreement: participant, enterprise and referring party."""

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
    enterprise_approved_at = models.DateTimeField(null=True, blank=True)
    enterprise_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    referrer_approved_at = models.DateTimeField(null=True, blank=True)
    referrer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
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

    @property
    def fully_approved(self) -> bool:
        return bool(self.enterprise_approved_at and self.referrer_approved_at)


# ---------------------------------------------------------------- follow-up


class ProgressDimension(models.Model):
    """One dimension of progress rated at follow-ups; the coordinator configures the set."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("progress dimension")
        verbose_name_plural = _("progress dimensions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv


class FollowUp(models.Model):
    """A follow-up of an active placement: attendance, ratings and a restricted note."""

    class Phase(models.TextChoices):
        START = "start", _("At start")
        DURING = "during", _("During")
        END = "end", _("At end")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"), default=datetime.date.today)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    hours_attended = models.DecimalField(
        _("hours attended per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    note = models.TextField(
        _("note (restricted)"),
        blank=True,
        help_text=_("Seen only by the coordinator and the author. No diagnoses or health details."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date}"


class ProgressRating(models.Model):
    SCALE = [(value, str(value)) for value in range(1, 6)]

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey(ProgressDimension, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("progress rating")
        verbose_name_plural = _("progress ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "dimension"], name="one_rating_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}={self.score}"


class ProgressSeriesQuerySet(models.QuerySet):
    def rebuild_for(self, placement_ids) -> None:
        """Recompute the series of these placements from their ratings, as one change."""
        placement_ids = list(placement_ids)
        if not placement_ids:
            return
        with transaction.atomic(using=self.db):
            self.filter(placement_id__in=placement_ids)._delete_derived()
            self._insert_from_ratings(follow_up__placement_id__in=placement_ids)

    def rebuild_all(self, batch: int = 20_000) -> None:
        """Recompute every series, a range of placements at a time (migration, bulk loads)."""
        placements = self.model._meta.get_field("placement").related_model
        last = placements.objects.aggregate(last=models.Max("pk"))["last"] or 0
        with transaction.atomic(using=self.db):
            self.all()._delete_derived()
            for low in range(0, last + 1, batch):
                self._insert_from_ratings(
                    follow_up__placement_id__gte=low, follow_up__placement_id__lt=low + batch
                )

    def _delete_derived(self) -> None:
        # A plain DELETE: QuerySet.delete() would load every row to send its signals, and
        # what listens (the stored dashboard figures) hears of the follow-up saved with them.
        self._raw_delete(self.db)

    def _insert_from_ratings(self, **placements) -> None:
        # One INSERT … SELECT: the database orders each series once, here at write time,
        # instead of at every reading of the effect statistics. The SELECT is the ORM's
        # (it emulates filtering on a window function where the database cannot).
        ratings = self.model._meta.apps.get_model("placements", "ProgressRating")
        window = {
            "partition_by": [F("follow_up__placement_id"), F("dimension_id")],
            "order_by": [F("follow_up__date").asc(), F("follow_up_id").asc()],
        }
        whole_series = RowRange(start=None, end=None)
        select = (
            ratings.objects.order_by()
            .filter(**placements)
            .annotate(
                series_placement=F("follow_up__placement_id"),
                series_dimension=F("dimension_id"),
                series_first=Window(FirstValue("score"), **window),
                series_last=Window(LastValue("score"), frame=whole_series, **window),
                series_length=Window(Count("pk"), frame=whole_series, **window),
                position=Window(RowNumber(), **window),
            )
            .filter(position=1)
            .values_list(
                "series_placement",
                "series_dimension",
                "series_first",
                "series_last",
                "series_length",
            )
        )
        sql, params = select.query.sql_with_params()
        connection = connections[self.db]
        quote = connection.ops.quote_name
        columns = ["placement_id", "dimension_id", "first_score", "last_score", "ratings"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self.model._meta.db_table)} "
                f"({', '.join(map(quote, columns))}) {sql}",
                params,
            )


class ProgressSeriesManager(models.Manager.from_queryset(ProgressSeriesQuerySet)):
    # The data migration that builds the first series uses the same rebuild.
    use_in_migrations = True


class ProgressSeries(models.Model):
    """The first and last score of one placement in one dimension, and how many ratings.

    A derived record, kept for the effect statistics (progression per dimension): reading
    the series from the ratings means ordering every rating of the period's placements at
    every computation. It is rebuilt from the ratings whenever they change
    (`ProgressSeries.objects.rebuild_for`) and never edited by hand; the ratings stay the
    record. First and last follow the follow-ups' order: by date, then by id.
    """

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="progress_series"
    )
    dimension = models.ForeignKey(ProgressDimension, on_delete=models.PROTECT, related_name="+")
    first_score = models.PositiveSmallIntegerField(_("first score"))
    last_score = models.PositiveSmallIntegerField(_("last score"))
    ratings = models.PositiveIntegerField(_("ratings"))

    objects = ProgressSeriesManager()

    class Meta:
        verbose_name = _("progress series")
        verbose_name_plural = pgettext_lazy("plural", "progress series")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "dimension"], name="one_progress_series_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.dimension_id} {self.first_score}→{self.last_score}"


class OutcomeCheckQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OutcomeCheckQuerySet":
        from . import policies

        return policies.outcome_checks_visible_to(user, self)

    def due(self, on: datetime.date) -> "OutcomeCheckQuerySet":
        return self.filter(checked_on__isnull=True, due_on__lte=on)


class OutcomeCheck(models.Model):
    """Where a participant is 6 or 12 months after exit."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="outcome_checks"
    )
    months_after = models.PositiveSmallIntegerField(_("months after exit"))
    due_on = models.DateField(_("due"))
    checked_on = models.DateField(_("checked"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    income_source = models.CharField(
        _("income source"), max_length=30, choices=IncomeSource.choices, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OutcomeCheckQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("outcome check")
        verbose_name_plural = _("outcome checks")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "months_after"], name="one_outcome_check_per_interval"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} +{self.months_after}"


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


class RetentionPurge(models.Model):
    """One run of the retention rule (gallring): when, and how many identities it erased."""

    ran_at = models.DateTimeField(_("ran"), default=timezone.now)
    cutoff = models.DateField(_("episodes ended before"))
    erased = models.PositiveIntegerField(_("identities erased"))

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d} {self.erased}"
