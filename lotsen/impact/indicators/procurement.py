"""Sales and procurement: the opportunities published, the awards social enterprises won,
and the buyers' purchases from social enterprises (the Buy Social benchmark).

An opportunity's municipalities are where the work is done; its party is the buyer, when
the buyer is a party. Purchases are recorded by the year, so a month or a quarter shows
the whole year's. These figures count contracts and organisations, never people: no cell
is hidden as small.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.organisations.models import Organisation
from lotsen.procurement.models import Award, Opportunity, Purchase

from .figures import in_any, in_period, percent, period_keys, scoped, shared
from .vocabulary import PARTY, Indicator, RawRow

RESERVED = ~Q(reserved_participation="none") | Q(reserved_execution=True)
WON_BY_SOCIAL_ENTERPRISE = Q(consortium__isnull=False) | Q(
    supplier__kind=Organisation.Kind.SOCIAL_ENTERPRISE
)


@shared
def _published(periods, scope) -> dict[str, list]:
    queryset = scoped(
        Opportunity.objects.public().order_by(),
        scope,
        municipality="municipalities",
        party="buyer_id",
    )
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        published = in_period("published_at", period, moment=True)
        aggregates[f"n_{key}"] = Count("pk", filter=published)
        aggregates[f"reserved_{key}"] = Count("pk", filter=published & RESERVED)
        aggregates[f"value_{key}"] = Sum("estimated_value", filter=published)
    figures = queryset.filter(in_any("published_at", periods, moment=True)).aggregate(**aggregates)
    return {
        "n": [figures[f"n_{key}"] for key in keys],
        "reserved": [figures[f"reserved_{key}"] for key in keys],
        "value": [figures[f"value_{key}"] or Decimal(0) for key in keys],
    }


def opportunities_published(periods, scope) -> list[RawRow]:
    figures = _published(periods, scope)
    return [
        RawRow(_("Business opportunities published"), figures["n"]),
        RawRow(_("Of them reserved"), figures["reserved"]),
    ]


OPPORTUNITIES_PUBLISHED = Indicator(
    key="procurement_opportunities",
    section="procurement",
    title=gettext_lazy("Business opportunities published"),
    definition=gettext_lazy(
        "Business opportunities that buyers published in the period, and of them those "
        "that reserve participation or execution for social enterprises (LOU 4 kap. 18 § "
        "or 19 kap. 6 a §)."
    ),
    unit="count",
    counts_people=False,
    calculate=opportunities_published,
)


def opportunities_value(periods, scope) -> list[RawRow]:
    return [RawRow(_("Estimated value"), _published(periods, scope)["value"])]


OPPORTUNITIES_VALUE = Indicator(
    key="procurement_value",
    section="procurement",
    title=gettext_lazy("Estimated value of the opportunities published"),
    definition=gettext_lazy(
        "The sum of the estimated values (SEK, excluding VAT) that the buyers gave the "
        "business opportunities published in the period; an opportunity without one adds "
        "nothing."
    ),
    unit="kronor",
    counts_people=False,
    calculate=opportunities_value,
)


def social_awards(periods, scope) -> list[RawRow]:
    queryset = scoped(
        Award.objects.order_by(),
        scope,
        municipality="opportunity__municipalities",
        party="opportunity__buyer_id",
    )
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        awarded = in_period("awarded_on", period)
        won = awarded & WON_BY_SOCIAL_ENTERPRISE
        aggregates[f"n_{key}"] = Count("pk", filter=awarded)
        aggregates[f"won_{key}"] = Count("pk", filter=won)
        aggregates[f"value_{key}"] = Sum("value", filter=awarded)
        aggregates[f"won_value_{key}"] = Sum("value", filter=won)
    figures = queryset.filter(in_any("awarded_on", periods)).aggregate(**aggregates)
    return [
        RawRow(
            _("Awards won by social enterprises, share by number"),
            [percent(figures[f"won_{key}"], figures[f"n_{key}"]) for key in keys],
        ),
        RawRow(
            _("Awards won by social enterprises, share by value"),
            [percent(figures[f"won_value_{key}"] or 0, figures[f"value_{key}"]) for key in keys],
        ),
    ]


SOCIAL_AWARDS = Indicator(
    key="procurement_social_awards",
    section="procurement",
    title=gettext_lazy("Awards won by social enterprises"),
    definition=gettext_lazy(
        "Of the awards (whole opportunities or lots) made in the period, the share won by a "
        "social enterprise or a consortium of social enterprises, by number and by value."
    ),
    unit="percent",
    counts_people=False,
    calculate=social_awards,
)


def social_purchases(periods, scope) -> list[RawRow]:
    years = [period.year for period in periods]
    queryset = Purchase.objects.order_by().filter(year__in=set(years))
    if scope.party_id is not None:
        queryset = queryset.filter(buyer_id=scope.party_id)
    totals: dict[str, dict[int, Decimal]] = {}
    for row in queryset.values("buyer__name", "year").annotate(total=Sum("amount")):
        totals.setdefault(row["buyer__name"], {})[row["year"]] = row["total"]
    all_buyers = [
        sum((by_year.get(year, Decimal(0)) for by_year in totals.values()), Decimal(0))
        for year in years
    ]
    return [
        RawRow(_("All buyers"), all_buyers),
        *(
            RawRow(name, [totals[name].get(year, Decimal(0)) for year in years])
            for name in sorted(totals)
        ),
    ]


SOCIAL_PURCHASES = Indicator(
    key="procurement_social_purchases",
    section="procurement",
    title=gettext_lazy("Purchases from social enterprises"),
    definition=gettext_lazy(
        "What each buyer recorded as bought from social enterprises in the year of the "
        "period (SEK, excluding VAT), through notices or outside them. For a month or a "
        "quarter the figure is still the whole year's."
    ),
    unit="kronor",
    counts_people=False,
    calculate=social_purchases,
    scopes=frozenset({PARTY}),
)
