"""The needs the enterprises state in the needs inventories, per support area."""

from django.utils.translation import gettext_lazy

from lotsen.surveys.models import Survey
from lotsen.surveys.services import needs_ranking

from .figures import aware
from .vocabulary import Indicator, RawRow


def needs(periods, scope) -> list[RawRow]:
    """Mean need per area in the latest needs inventory closed by the end of each period."""
    inventories = list(
        Survey.objects.filter(kind=Survey.Kind.NEEDS_INVENTORY)
        .exclude(status=Survey.Status.DRAFT)
        .filter(closes_at__lt=aware(max(p.end for p in periods)))
        .order_by("closes_at")
    )
    chosen = []
    for period in periods:
        closed = [s for s in inventories if s.closes_at < aware(period.end)]
        chosen.append(closed[-1] if closed else None)
    rankings = {
        survey.pk: {need.area.code: need for need in needs_ranking(survey)}
        for survey in {s for s in chosen if s is not None}
    }
    latest = chosen[-1]
    if latest is None:
        return []
    rows = []
    for need in sorted(rankings[latest.pk].values(), key=lambda need: need.rank):
        if not need.answers:
            continue
        values, bases = [], []
        for survey in chosen:
            other = rankings[survey.pk].get(need.area.code) if survey else None
            values.append(other.mean if other else None)
            bases.append(other.answers if other else 0)
        rows.append(RawRow(need.area.name, values, bases=bases))
    return rows


NEEDS = Indicator(
    key="needs",
    section="needs",
    title=gettext_lazy("Needs per support area"),
    definition=gettext_lazy(
        "The enterprises' mean need (1 = none, 5 = great) per support area in the latest "
        "needs inventory closed by the end of the period, greatest need first, beside the "
        "inventory that was latest at the end of the previous period. The inventory "
        "covers the whole region."
    ),
    unit="rating",
    counts_people=True,
    calculate=needs,
    scopes=frozenset(),
)
