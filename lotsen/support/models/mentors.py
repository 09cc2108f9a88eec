"""Mentors, their matches with enterprises' requests, and the meetings they log."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import Municipality, SupportArea

from .requests import SupportRequest


class MentorQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MentorQuerySet":
        from .. import policies

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
        from .. import policies

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
