"""Reference data of procurement: CPV 2008, what CPV codes an enterprise's SNI codes
correspond to, and the dated limits of direct awards."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import ClassificationCode, Industry

# Trailing zeros mark a CPV code's level: 2 significant digits a division, then group,
# class, category, and subcategories below.
CPV_LEVELS = {2: "division", 3: "group", 4: "class", 5: "category"}


def cpv_level(code: str) -> str:
    significant = len(code.rstrip("0"))
    return CPV_LEVELS.get(max(significant, 2), "subcategory")


def cpv_parent_code(code: str) -> str | None:
    """The code one level up: the last significant digit set to zero."""
    significant = max(len(code.rstrip("0")), 2)
    if significant <= 2:
        return None
    return code[: significant - 1].ljust(8, "0")


class CpvCode(ClassificationCode):
    """A code of the Common Procurement Vocabulary (CPV 2008), without its check digit."""

    # The official Swedish label where one could be had (social services, SOURCES.md);
    # the others show the code and the English label, never a translation of our own.
    name_sv = models.CharField(_("Swedish name"), max_length=300, blank=True)

    class Meta(ClassificationCode.Meta):
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    @property
    def display_code(self) -> str:
        return self.code

    @property
    def division(self) -> str:
        return self.code[:2]

    @property
    def label(self) -> str:
        if self.name_sv and (get_language() or "sv").startswith("sv"):
            return self.name_sv
        return self.name

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class CpvIndustryLink(models.Model):
    """That an enterprise in an SNI industry can deliver what a CPV code buys.

    The coordinator keeps these as data; a link to a CPV code covers every code below it.
    """

    cpv = models.ForeignKey(
        CpvCode, on_delete=models.CASCADE, related_name="industry_links", verbose_name=_("CPV code")
    )
    industry = models.ForeignKey(
        Industry,
        on_delete=models.CASCADE,
        related_name="cpv_links",
        verbose_name=_("industry (SNI 2007)"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["cpv", "industry"]
        verbose_name = _("CPV–SNI correspondence")
        verbose_name_plural = _("CPV–SNI correspondences")
        constraints = [
            models.UniqueConstraint(fields=["cpv", "industry"], name="one_link_per_cpv_and_sni")
        ]

    def __str__(self) -> str:
        return f"{self.cpv_id} ↔ {self.industry_id}"


class DirectAwardLimitQuerySet(models.QuerySet):
    def on(self, day: datetime.date, act: str) -> Decimal | None:
        """The limit in force on `day` under `act`, or None before the first one."""
        limit = self.filter(act=act, valid_from__lte=day).order_by("-valid_from").first()
        return limit.amount if limit else None


class DirectAwardLimit(models.Model):
    """The value below which a buyer may award directly (direktupphandling), from a date.

    Dated configuration: a new limit is a new row, and an opportunity is judged by the
    limit of the day it was published."""

    class Act(models.TextChoices):
        LOU = "LOU", _("LOU (public sector)")
        LUF = "LUF", _("LUF (utilities)")

    act = models.CharField(_("act"), max_length=3, choices=Act.choices)
    valid_from = models.DateField(_("valid from"))
    amount = models.DecimalField(_("limit (SEK)"), max_digits=14, decimal_places=0)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = DirectAwardLimitQuerySet.as_manager()

    class Meta:
        ordering = ["act", "-valid_from"]
        verbose_name = _("direct award limit")
        verbose_name_plural = _("direct award limits")
        constraints = [
            models.UniqueConstraint(fields=["act", "valid_from"], name="one_limit_per_act_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.act} {self.valid_from}: {self.amount}"
