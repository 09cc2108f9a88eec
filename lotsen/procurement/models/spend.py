"""Awards of opportunities and the buyers' yearly purchases from social enterprises
(the Buy Social benchmark)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.organisations.models import Organisation

from .consortia import Consortium
from .opportunities import MONEY, Lot, Opportunity


class Award(models.Model):
    """Who won an opportunity, or one of its lots: the value and the contract period."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="awards", verbose_name=_("opportunity")
    )
    lot = models.ForeignKey(
        Lot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("lot"),
    )
    # A supplier registered in Lotsen, a consortium, or a supplier by name only.
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards_won",
        verbose_name=_("supplier"),
    )
    consortium = models.ForeignKey(
        Consortium,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("consortium"),
    )
    supplier_name = models.CharField(_("supplier (not in Lotsen)"), max_length=200, blank=True)
    value = models.DecimalField(_("value (SEK, excl. VAT)"), **MONEY)
    awarded_on = models.DateField(_("awarded on"))
    period_start = models.DateField(_("contract starts"), null=True, blank=True)
    period_end = models.DateField(_("contract ends"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(pgettext_lazy("award", "recorded"), default=timezone.now)

    class Meta:
        # The whole opportunity before its lots on every database (NULLs sort apart).
        ordering = ["opportunity", models.F("lot__number").asc(nulls_first=True), "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.opportunity}: {self.supplier_display}"

    @property
    def supplier_display(self) -> str:
        if self.consortium_id:
            return str(self.consortium)
        return str(self.supplier) if self.supplier_id else self.supplier_name

    @property
    def won_by_social_enterprise(self) -> bool:
        if self.consortium_id:
            return True
        return bool(self.supplier_id and self.supplier.kind == Organisation.Kind.SOCIAL_ENTERPRISE)

    def clean(self) -> None:
        errors = {}
        named = [bool(self.supplier_id), bool(self.consortium_id), bool(self.supplier_name)]
        if sum(named) != 1:
            errors["supplier"] = _(
                "Name one supplier: an organisation in Lotsen, a consortium, or a name."
            )
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The contract cannot end before it starts.")
        if self.awarded_on and self.awarded_on > timezone.localdate():
            errors["awarded_on"] = _("The date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class Purchase(models.Model):
    """A buyer's purchases from one social enterprise in one year, with or without a notice."""

    buyer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("buyer")
    )
    supplier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="sales",
        verbose_name=_("social enterprise"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    amount = models.DecimalField(_("amount (SEK, excl. VAT)"), **MONEY)
    outside_notices = models.BooleanField(
        _("bought outside notices"),
        default=False,
        help_text=_("Direct purchases and call-offs that no opportunity in Lotsen covers."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "buyer", "supplier"]
        verbose_name = _("purchase from a social enterprise")
        verbose_name_plural = _("purchases from social enterprises")
        constraints = [
            models.UniqueConstraint(
                fields=["buyer", "supplier", "year", "outside_notices"],
                name="one_purchase_row_per_buyer_supplier_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.buyer} {self.year}: {self.supplier}"
