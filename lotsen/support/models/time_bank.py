"""The time bank (timbank): an append-only ledger whose balance never goes below zero."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea

from .catalogue import Offer
from .requests import SupportRequest


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete a time bank entry."""


class TimeBankAccountQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TimeBankAccountQuerySet":
        from .. import policies

        return policies.accounts_visible_to(user, self)

    def for_request(self, support_request: SupportRequest, year: int):
        """The account a request draws on: its offer's first, else its area's."""
        if not support_request.requester_organisation_id:
            return None
        mine = self.filter(enterprise_id=support_request.requester_organisation_id, year=year)
        if support_request.offer_id:
            account = mine.filter(offer_id=support_request.offer_id).first()
            if account:
                return account
        if support_request.area_id:
            return mine.filter(offer__isnull=True, area_id=support_request.area_id).first()
        return None


class TimeBankAccount(models.Model):
    """An enterprise's free advice hours for one year, for an offer or an area (timbank)."""

    enterprise = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="time_bank_accounts",
        verbose_name=_("enterprise"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_accounts",
        verbose_name=_("offer"),
    )
    area = models.ForeignKey(
        SupportArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_accounts",
        verbose_name=_("area"),
    )
    # The sum of the entries, kept on the row so that a row lock guards it.
    balance = models.DecimalField(
        _("balance (hours)"), max_digits=7, decimal_places=2, default=Decimal("0")
    )

    objects = TimeBankAccountQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "enterprise__name"]
        verbose_name = _("time bank account")
        verbose_name_plural = _("time bank accounts")
        constraints = [
            # The last guard: whatever the code does, the database refuses a negative balance.
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="time_bank_balance_never_negative"
            ),
            models.CheckConstraint(
                condition=Q(offer__isnull=False) | Q(area__isnull=False),
                name="time_bank_account_offer_or_area",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "year", "offer"],
                condition=Q(offer__isnull=False),
                name="time_bank_one_account_per_offer",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "year", "area"],
                condition=Q(offer__isnull=True),
                name="time_bank_one_account_per_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}: {self.scope}"

    def get_absolute_url(self) -> str:
        return reverse("support:timebank_account", args=[self.pk])

    @property
    def scope(self) -> str:
        return str(self.offer) if self.offer_id else str(self.area)


class TimeBankEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Time bank entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Time bank entries cannot be deleted.")


class TimeBankEntry(models.Model):
    """One line of the ledger: hours granted (positive) or delivered (negative).

    Delivered hours the time bank does not cover, because the requester has no
    grant for them or it is spent, are a delivery without an account (decision 0149).
    """

    class Kind(models.TextChoices):
        GRANT = "grant", _("Yearly grant")
        TOP_UP = "top_up", _("Top-up")
        DELIVERY = "delivery", _("Hours delivered")

    account = models.ForeignKey(
        TimeBankAccount,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    balance_after = models.DecimalField(
        _("balance after"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_bank_entries",
        verbose_name=_("request"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    objects = TimeBankEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("time bank entry")
        verbose_name_plural = _("time bank entries")
        constraints = [
            # Only a delivery may lie outside the time bank, and then it has no balance.
            models.CheckConstraint(
                condition=Q(account__isnull=False, balance_after__isnull=False)
                | Q(account__isnull=True, balance_after__isnull=True, kind="delivery"),
                name="time_bank_entry_outside_only_delivery",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.kind} {self.hours}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Time bank entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Time bank entries cannot be deleted.")
