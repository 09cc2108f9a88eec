"""Participants, known by a pseudonymous code, and their identity, encrypted apart.

A participant's identity lives in ParticipantIdentity, encrypted; every other table
holds pseudonymous data that the national follow-up (Finsam) counts.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Industry, Municipality, Occupation

from .. import consent, identity
from .choices import (
    Adaptation,
    Education,
    Gender,
    IncomeSource,
    Language,
    SupportDuration,
    coded_labels,
)

CODE_PREFIX = "LP-"


def new_participant_code() -> str:
    # No 0/O or 1/I: the code is read aloud and copied by hand.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return CODE_PREFIX + "".join(secrets.choice(alphabet) for _ in range(6))


class ParticipantQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ParticipantQuerySet":
        from .. import policies

        return policies.participants_visible_to(user, self)

    def consenting_to(self, use: consent.Use) -> "ParticipantQuerySet":
        return self.filter(consent.consenting_to(use))

    def findable_by_identity(self, user) -> "ParticipantQuerySet":
        from .. import policies

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
        indexes = [
            # The participant list shows the newest first, a page at a time.
            models.Index(fields=["-created_at", "id"], name="participant_newest"),
        ]

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
