"""The financing of the support structure (study §10): plans, contributions, expenditures.

Amounts are exact decimals in kronor with two decimals (öre), never floats.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea
from lotsen.core.workflow import Workflow, WorkflowModel
from lotsen.organisations.models import Organisation

from .money import to_ore, vat_amount

# The coordinator's own cost is a line of its own in every plan; expenditures
# booked on this area are that line's outcome, so no plan item may take it.
COORDINATION_AREA = "coordination"

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
HOURS = {"max_digits": 8, "decimal_places": 1, "validators": [MinValueValidator(Decimal(0))]}
HALF_ORE = Decimal("0.005")
YEAR_VALIDATORS = [MinValueValidator(2020), MaxValueValidator(2100)]


class FundingError(ValidationError):
    """A refused change to a plan, with a code the view turns into a message."""


class FundingModel(models.TextChoices):
    FINANCING = "financing", _("Financing model")
    OWNERSHIP = "ownership", _("Ownership model")
    COMBINED = "combined", _("Combined model")


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PlanQuerySet":
        from . import policies

        return policies.plans_visible_to(user, self)


class Plan(WorkflowModel):
    """The year's plan (verksamhetsplan): the model, the prioritised areas, the pot."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        CLOSED = "closed", _("Closed")

    workflow = Workflow(
        transitions={
            Status.DRAFT: frozenset({Status.ADOPTED}),
            Status.ADOPTED: frozenset({Status.CLOSED}),
            Status.CLOSED: frozenset(),
        },
        policy="lotsen.funding.policies.can_move_plan",
    )

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    model = models.CharField(_("model"), max_length=20, choices=FundingModel.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    pot_budget = models.DecimalField(
        _("the pot (SEK)"),
        help_text=_("The money the parties put into the common pot this year."),
        **MONEY,
    )
    coordinator_cost = models.DecimalField(
        _("the coordinator's cost (SEK)"),
        help_text=_("The coordinator's own cost, paid from the pot."),
        **MONEY,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    over_budget_reason = models.TextField(
        _("reason for exceeding the pot"),
        blank=True,
        help_text=_("Required at adoption when the planned costs exceed the pot."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(_("Plan %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("funding:plan", args=[self.year])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def pot_items_budget(self, items=None) -> Decimal:
        """The budgets of the areas the pot pays for (no responsible party)."""
        items = self.items.all() if items is None else items
        return sum(
            (item.budget or Decimal(0) for item in items if item.responsible_party_id is None),
            Decimal("0.00"),
        )

    def pot_demand(self, items=None) -> Decimal:
        """What the plan takes from the pot: the pot's areas and the coordinator."""
        return self.pot_items_budget(items) + self.coordinator_cost

    def exceeds_pot(self, items=None) -> bool:
        return self.pot_demand(items) > self.pot_budget


class PlanItem(models.Model):
    """One prioritised support area of a plan, delivered by a party or bought with the pot."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    priority = models.PositiveSmallIntegerField(_("priority"))
    area = models.ForeignKey(
        SupportArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("support area")
    )
    goal = models.TextField(_("goal"), blank=True)
    budget = models.DecimalField(_("budget (SEK)"), null=True, blank=True, **MONEY)
    committed_hours = models.DecimalField(_("committed hours"), null=True, blank=True, **HOURS)
    responsible_party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"kind": Organisation.Kind.PARTY},
        related_name="+",
        verbose_name=_("responsible party"),
        help_text=_("Leave empty when the pot pays for the area (financing model)."),
    )

    class Meta:
        ordering = ["plan", "priority"]
        verbose_name = _("prioritised area")
        verbose_name_plural = _("prioritised areas")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "area"],
                name="funding_item_one_per_area",
                violation_error_message=_("The support area is already in the plan."),
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=False) | Q(committed_hours__isnull=False),
                name="funding_item_budget_or_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority}. {self.area}"

    @property
    def responsible_label(self) -> str:
        return self.responsible_party.name if self.responsible_party else str(_("The pot"))

    def clean(self) -> None:
        errors = {}
        if self.budget is None and self.committed_hours is None:
            errors["budget"] = _("Give a budget, committed hours or both.")
        if self.area_id == COORDINATION_AREA:
            errors["area"] = _("The coordinator's cost is its own line of the plan.")
        if self.responsible_party and self.responsible_party.kind != Organisation.Kind.PARTY:
            errors["responsible_party"] = _("Only a party of the association can be responsible.")
        if errors:
            raise ValidationError(errors)


class PlanRevision(models.Model):
    """A change to an adopted plan, with its reason: an adopted plan is never edited silently."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    reason = models.TextField(_("reason"))
    changes = models.JSONField(_("changes"), default=list)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "made_at", "pk"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")

    def __str__(self) -> str:
        return f"{self.plan} – {self.made_at:%Y-%m-%d}"

    def describe(self, areas: dict[str, SupportArea]) -> list[str]:
        """Each change in words, e.g. "Advice – budget (SEK): 100000.00 → 120000.00"."""
        lines = []
        for change in self.changes:
            area = areas.get(change["area"]) if change["area"] else None
            if change["field"] == "removed":
                lines.append(str(_("%(area)s – removed from the plan") % {"area": area}))
                continue
            model = PlanItem if area else Plan
            name = change["field"].removesuffix("_id")
            label = str(model._meta.get_field(name).verbose_name)
            where = f"{area} – " if area else ""
            lines.append(f"{where}{label}: {change['before'] or '–'} → {change['after'] or '–'}")
        return lines


class ContributionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ContributionQuerySet":
        from . import policies

        return policies.contributions_visible_to(user, self)


class Contribution(models.Model):
    """A party's contribution for a year: money into the pot and/or hours in kind."""

    party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.PARTY},
        related_name="funding_contributions",
        verbose_name=_("party"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = models.DecimalField(_("money (SEK)"), default=Decimal("0.00"), **MONEY)
    hours = models.DecimalField(_("hours in kind"), default=Decimal("0.0"), **HOURS)
    hourly_value = models.DecimalField(
        _("hourly value (SEK)"),
        default=Decimal("0.00"),
        help_text=_("What an hour in kind is worth, for comparison with money."),
        **MONEY,
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "party__name", "paid_on"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [models.Index(fields=["year", "party"], name="funding_contribution_year")]

    def __str__(self) -> str:
        return f"{self.party} {self.year}"

    @property
    def in_kind_value(self) -> Decimal:
        return to_ore(self.hours * self.hourly_value)

    def clean(self) -> None:
        if not self.amount and not self.hours:
            raise ValidationError(_("Give money, hours in kind or both."), code="empty")
        if self.hours and not self.hourly_value:
            raise ValidationError(
                {"hourly_value": _("Give the value of an hour in kind.")}, code="no_value"
            )


class ExpenditureQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ExpenditureQuerySet":
        from . import policies

        return policies.expenditures_visible_to(user, self)


class Expenditure(models.Model):
    """Money paid from the pot: the VAT is explicit, the gross amount is the cost."""

    class VatRate(models.IntegerChoices):
        STANDARD = 25, _("25 %")
        REDUCED = 12, _("12 %")
        LOW = 6, _("6 %")
        NONE = 0, _("0 % (exempt)")

    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("plan")
    )
    area = models.ForeignKey(
        SupportArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("support area")
    )
    supplier = models.CharField(_("supplier"), max_length=200)
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("description"), max_length=300)
    net_amount = models.DecimalField(_("amount excluding VAT (SEK)"), **MONEY)
    vat_rate = models.PositiveSmallIntegerField(
        _("VAT rate"), choices=VatRate.choices, default=VatRate.STANDARD
    )
    vat = models.DecimalField(_("VAT (SEK)"), **MONEY)
    gross_amount = models.DecimalField(_("amount including VAT (SEK)"), **MONEY)
    # What the expenditure paid for elsewhere in the platform. The link goes when the
    # event or request is deleted; the money spent stays in the accounts.
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenditures",
        verbose_name=_("event"),
    )
    support_request = models.ForeignKey(
        "support.SupportRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenditures",
        verbose_name=_("support request"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ExpenditureQuerySet.as_manager()

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        indexes = [
            # The follow-up sums a plan's expenditures per area.
            models.Index(fields=["plan", "area"], name="funding_expenditure_area"),
        ]
        constraints = [
            # Exact on PostgreSQL's numeric; SQLite adds decimals as binary floats,
            # so the check allows less than half an öre either way.
            models.CheckConstraint(
                condition=Q(
                    gross_amount__gt=models.F("net_amount") + models.F("vat") - HALF_ORE,
                    gross_amount__lt=models.F("net_amount") + models.F("vat") + HALF_ORE,
                ),
                name="funding_expenditure_gross_is_net_plus_vat",
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.supplier} {self.gross_amount}"

    def compute_vat(self) -> None:
        self.vat = vat_amount(self.net_amount, self.vat_rate)
        self.gross_amount = self.net_amount + self.vat

    def clean(self) -> None:
        if self.plan_id and self.spent_on and self.spent_on.year != self.plan.year:
            raise ValidationError(
                {
                    "spent_on": ValidationError(
                        _("The date must fall in the plan's year %(year)s."),
                        params={"year": self.plan.year},
                        code="wrong_year",
                    )
                }
            )


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ScenarioQuerySet":
        from . import policies

        return policies.plans_visible_to(user, self)


class DeliveredEffortQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DeliveredEffortQuerySet":
        from . import policies

        return policies.delivered_efforts_visible_to(user, self)


class DeliveredEffort(models.Model):
    """Hours a party delivered outside the platform, typed in by the coordinator.

    Work the platform records itself (support hours, events) arrives through
    the registry in delivery.py; this covers the rest, so it is not typed twice.
    """

    party = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        limit_choices_to={"kind": Organisation.Kind.PARTY},
        related_name="+",
        verbose_name=_("party"),
    )
    area = models.ForeignKey(
        SupportArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("support area")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=1, validators=[MinValueValidator(Decimal("0.1"))]
    )
    description = models.CharField(_("description"), max_length=300)

    objects = DeliveredEffortQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "party__name", "area"]
        verbose_name = _("delivered effort")
        verbose_name_plural = _("delivered efforts")
        indexes = [models.Index(fields=["year"], name="funding_delivered_year")]

    def __str__(self) -> str:
        return f"{self.party} {self.area} {self.year}: {self.hours}"


class Scenario(models.Model):
    """A saved comparison of the financing model, the ownership model and a mix."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    area_hours = models.JSONField(_("hours per area"), default=dict)
    bought_hourly_rate = models.DecimalField(_("price of a bought hour (SEK)"), **MONEY)
    own_hourly_value = models.DecimalField(_("value of a party's own hour (SEK)"), **MONEY)
    coordinator_hourly_cost = models.DecimalField(_("the coordinator's hourly cost (SEK)"), **MONEY)
    coordinator_base_hours = models.DecimalField(_("the coordinator's base hours"), **HOURS)
    coordination_per_bought_hour = models.DecimalField(
        _("coordination per bought hour"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    coordination_per_own_hour = models.DecimalField(
        _("coordination per party hour"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    mix_bought_percent = models.PositiveSmallIntegerField(
        _("share bought in the mix (%)"), validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("funding:scenario", args=[self.pk])
