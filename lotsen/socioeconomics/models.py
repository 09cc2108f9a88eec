"""The parameters of the socio-economic estimate, each with its source and its history.

The set of parameters is fixed by the estimate's formulas (`estimate.ITEMS`); the
coordinator edits their values, never their keys or allowed ranges, which ship with the
data migration. Every edit appends a `ParameterVersion`; versions are never changed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import estimate, labels

VALUE = {"max_digits": 12, "decimal_places": 2}


class Unit(models.TextChoices):
    KRONOR_PER_YEAR = "kr_year", _("kr per person and year")
    PERCENT = estimate.PERCENT, _("%")
    YEARS = "years", _("years")


class ParameterQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ParameterQuerySet":
        from . import policies

        return policies.parameters_visible_to(user, self)


class Parameter(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    actor = models.CharField(_("actor"), max_length=30, choices=labels.ACTOR_CHOICES)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    low = models.DecimalField(_("low case"), **VALUE)
    value = models.DecimalField(_("central value"), **VALUE)
    high = models.DecimalField(_("high case"), **VALUE)
    min_value = models.DecimalField(_("lowest allowed value"), **VALUE)
    max_value = models.DecimalField(_("highest allowed value"), **VALUE)
    source_title = models.CharField(_("source"), max_length=300)
    source_publisher = models.CharField(_("publisher"), max_length=200)
    # Shown as text for the reader to look up; the platform never fetches it.
    source_url = models.CharField(_("address of the source"), max_length=500, blank=True)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    to_review = models.BooleanField(
        _("estimate to review"),
        default=True,
        help_text=_("Untick when the value has been checked against the region's own figures."),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)

    objects = ParameterQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("parameter")
        verbose_name_plural = _("parameters")

    def __str__(self) -> str:
        return str(self.name)

    @property
    def name(self) -> str:
        return labels.PARAMETERS.get(self.key, self.key)

    @property
    def allowed_range_text(self) -> str:
        from .templatetags.socioeconomics import parameter_value

        return str(
            _("The allowed range is %(min)s to %(max)s.")
            % {
                "min": parameter_value(self.min_value, self.unit),
                "max": parameter_value(self.max_value, self.unit),
            }
        )

    def clean(self) -> None:
        errors = {}
        for name in ("low", "value", "high"):
            amount = getattr(self, name)
            if amount is None:
                continue
            if not self.min_value <= amount <= self.max_value:
                errors[name] = ValidationError(self.allowed_range_text, code="out_of_range")
            elif self.unit == Unit.YEARS and amount != amount.to_integral_value():
                errors[name] = ValidationError(_("Give whole years."), code="whole_years")
        if errors:
            raise ValidationError(errors)

    def as_info(self) -> estimate.ParameterInfo:
        return estimate.ParameterInfo(
            key=self.key,
            name=str(self.name),
            unit=self.unit,
            actor=self.actor,
            low=self.low,
            central=self.value,
            high=self.high,
            source_title=self.source_title,
            source_publisher=self.source_publisher,
            source_url=self.source_url,
            source_date=self.source_date,
            note=self.note,
            to_review=self.to_review,
        )


class ParameterVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Parameter versions are append-only.")

    def delete(self):
        raise TypeError("Parameter versions are append-only.")


class ParameterVersion(models.Model):
    """What a parameter was set to, by whom and when: one row per edit, never changed."""

    parameter = models.ForeignKey(
        Parameter, on_delete=models.CASCADE, related_name="versions", verbose_name=_("parameter")
    )
    low = models.DecimalField(_("low case"), **VALUE)
    value = models.DecimalField(_("central value"), **VALUE)
    high = models.DecimalField(_("high case"), **VALUE)
    source_title = models.CharField(_("source"), max_length=300)
    source_publisher = models.CharField(_("publisher"), max_length=200)
    source_url = models.CharField(_("address of the source"), max_length=500, blank=True)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    to_review = models.BooleanField(_("estimate to review"), default=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited"))

    objects = ParameterVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-edited_at", "-id"]
        verbose_name = _("parameter version")
        verbose_name_plural = _("parameter versions")

    def __str__(self) -> str:
        return f"{self.parameter} {self.edited_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("Parameter versions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Parameter versions are append-only.")


VERSIONED_FIELDS = (
    "low",
    "value",
    "high",
    "source_title",
    "source_publisher",
    "source_url",
    "source_date",
    "note",
    "to_review",
)
