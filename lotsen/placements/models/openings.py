"""Openings: work-training places at social enterprises and their supervisors."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Industry, Municipality, Occupation

from .choices import Adaptation, Language, coded_labels


class OpeningQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OpeningQuerySet":
        from .. import policies

        return policies.openings_visible_to(user, self)

    def with_seats_taken(self) -> "OpeningQuerySet":
        # Imported here: the placements' module imports this one for its foreign key.
        from .referrals import Placement

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
