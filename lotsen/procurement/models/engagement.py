"""How enterprises engage with an opportunity: interest, questions, invitations from a
buyer, and the saved searches that bring them alerts."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Municipality
from lotsen.organisations.models import Organisation

from .opportunities import Opportunity


class Interest(models.Model):
    """An enterprise's declared interest in an opportunity; it hears of answers."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("opportunity"),
    )
    enterprise = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="procurement_interests",
        verbose_name=_("enterprise"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        ordering = ["declared_at"]
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "enterprise"], name="one_interest_per_enterprise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.opportunity}"


class Question(models.Model):
    """A question about an opportunity. The answer is public; the asker stays anonymous."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("opportunity"),
    )
    text = models.TextField(_("question"), max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answer = models.TextField(_("answer"), max_length=4000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:60]


class Invitation(models.Model):
    """A buyer's invitation of a fitting enterprise to an opportunity."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("opportunity"),
    )
    enterprise = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("enterprise")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        ordering = ["invited_at"]
        verbose_name = _("invitation to tender")
        verbose_name_plural = _("invitations to tender")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "enterprise"], name="one_invitation_per_enterprise"
            )
        ]

    def __str__(self) -> str:
        return f"{self.opportunity} → {self.enterprise}"


def new_unsubscribe_key() -> str:
    return secrets.token_urlsafe(24)


class SavedSearch(models.Model):
    """An enterprise user's standing search; matching opportunities come by e-mail."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=100)
    words = models.CharField(_("words"), max_length=200, blank=True)
    # CPV divisions (the first two digits), e.g. ["90", "55"].
    cpv_divisions = models.JSONField(_("CPV divisions"), default=list, blank=True)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    frequency = models.CharField(
        _("how often"), max_length=6, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    unsubscribe_key = models.CharField(max_length=40, unique=True, default=new_unsubscribe_key)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name
