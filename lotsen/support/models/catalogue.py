"""The catalogue: what the support actors offer, and each area's targets."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea

# Used when a request names no area, or an area has no target of its own.
DEFAULT_FIRST_RESPONSE_DAYS = 2
DEFAULT_RESOLUTION_DAYS = 15


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
        from .. import policies

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
