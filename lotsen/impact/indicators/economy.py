"""Economy: the budget of the year's plan against what was spent.

With a party chosen, the plan areas that party is responsible for (the ownership
model) and what was spent in them.
"""

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.funding.models import Expenditure, PlanItem

from .figures import in_any, in_period, percent, period_keys, shared
from .vocabulary import PARTY, Indicator, RawRow


@shared
def _budget_figures(periods, scope) -> tuple[list[Decimal | None], list[Decimal]]:
    years = sorted({p.year for p in periods})
    items = PlanItem.objects.filter(plan__year__in=years).order_by()
    if scope.party_id is not None:
        items = items.filter(responsible_party_id=scope.party_id)
    budgets = {
        row["plan__year"]: row["total"]
        for row in items.values("plan__year").annotate(total=Sum("budget"))
    }
    spending = Expenditure.objects.order_by().filter(in_any("spent_on", periods))
    if scope.party_id is not None:
        spending = spending.filter(
            area_id__in=PlanItem.objects.filter(
                plan__year__in=years, responsible_party_id=scope.party_id
            ).values("area_id")
        )
    spent = spending.aggregate(
        **{
            key: Sum("gross_amount", filter=in_period("spent_on", period))
            for key, period in zip(period_keys(periods), periods, strict=True)
        }
    )
    return (
        [budgets.get(p.year) for p in periods],
        [spent[key] or Decimal(0) for key in period_keys(periods)],
    )


def budget_outcome(periods, scope) -> list[RawRow]:
    budgets, spent = _budget_figures(periods, scope)
    return [
        RawRow(_("Budget of the year's plan"), budgets),
        RawRow(_("Spent in the period"), spent),
    ]


BUDGET_OUTCOME = Indicator(
    key="budget_outcome",
    section="economy",
    title=gettext_lazy("Plan budget against outcome"),
    definition=gettext_lazy(
        "The budget of the areas in the year's plan and the expenditure (including VAT) "
        "recorded in the period. For a month or a quarter the budget is still the whole "
        "year's. With a party chosen: the areas that party is responsible for."
    ),
    unit="kronor",
    counts_people=False,
    calculate=budget_outcome,
    scopes=frozenset({PARTY}),
)


def budget_used(periods, scope) -> list[RawRow]:
    budgets, spent = _budget_figures(periods, scope)
    return [
        RawRow(
            _("Share of the year's budget spent"),
            [percent(s, b) for s, b in zip(spent, budgets, strict=True)],
        )
    ]


BUDGET_USED = Indicator(
    key="budget_used",
    section="economy",
    title=gettext_lazy("Share of the budget spent"),
    definition=gettext_lazy(
        "The expenditure recorded in the period as a share of the budget of the year's plan."
    ),
    unit="percent",
    counts_people=False,
    calculate=budget_used,
    scopes=frozenset({PARTY}),
)
