"""Outcomes and progression: how the placements ended and what the people gained.

The outcomes read the people in placements counted for the placements section, so
within one computation both rest on a single query.
"""

from django.db.models import Avg, Count, DecimalField, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.placements.models import OutcomeGroup, ProgressDimension, ProgressSeries

from ..periods import Period
from .figures import percent, period_keys, rounded, scoped
from .placements import PEOPLE_SCOPE, people_in_placements
from .vocabulary import Indicator, RawRow, Scope


def _exit_figures(periods, scope) -> dict[str, list[int]]:
    """People who ended in each period, per outcome group and in all ('total')."""
    figures = people_in_placements(periods, scope)
    return {name: figures[name] for name in ["total", *OutcomeGroup.values]}


def exit_outcomes(periods, scope) -> list[RawRow]:
    figures = _exit_figures(periods, scope)
    return [RawRow(label, figures[group]) for group, label in OutcomeGroup.choices]


def exit_outcome_counts(period: Period, scope: Scope) -> dict[str, int]:
    """People whose placement ended in the period, by national outcome group key.

    Every key of lotsen.placements.models.OutcomeGroup is present (0 when none).
    Nothing is hidden: callers that show the figures apply the small-cell rule.
    """
    # Asked with the period before, as every indicator is, so that within a yearly
    # report the counts already made for the outcome indicators are reused.
    figures = _exit_figures([period.previous(), period], scope)
    return {group: figures[group][1] for group in OutcomeGroup.values}


EXIT_OUTCOMES = Indicator(
    key="exit_outcomes",
    section="outcomes",
    title=gettext_lazy("Outcome at exit"),
    definition=gettext_lazy(
        "People whose placement ended in the period, by outcome in the grouping of the "
        "national follow-up: work (without subsidy, with subsidy, employed by the social "
        "enterprise), studies, actively seeking work, and other (other measure, sick leave, "
        "dropped out, moved, unknown)."
    ),
    unit="people",
    counts_people=True,
    calculate=exit_outcomes,
    partitions=True,
)


def work_or_studies_share(periods, scope) -> list[RawRow]:
    figures = _exit_figures(periods, scope)
    into = [w + s for w, s in zip(figures["work"], figures["studies"], strict=True)]
    # The share times the people who ended (shown beside it) gives work + studies;
    # with one outcome group hidden that would give it away. So it protects the
    # groups: it is hidden whenever any group is.
    return [
        RawRow(
            _("Share into work or studies"),
            [percent(part, whole) for part, whole in zip(into, figures["total"], strict=True)],
            bases=figures["total"],
            protects=[
                list(counts)
                for counts in zip(*(figures[group] for group in OutcomeGroup.values), strict=True)
            ],
        ),
    ]


WORK_OR_STUDIES = Indicator(
    key="work_or_studies",
    section="outcomes",
    title=gettext_lazy("Share into work or studies"),
    definition=gettext_lazy(
        "Of the people whose placement ended in the period, the share whose outcome was work "
        "(with or without subsidy, or employed by the social enterprise) or studies. Not "
        "shown when fewer than 5 people ended."
    ),
    unit="percent",
    counts_people=True,
    calculate=work_or_studies_share,
)


def progression(periods, scope) -> list[RawRow]:
    """Mean change from the first to the last rating per dimension, placements ended.

    Reads the progress series the placements app keeps per placement and dimension
    (first and last score, number of ratings; decision 0096), so one aggregate over the
    series rated twice or more gives each period's mean of last minus first and its base.
    """
    prefix = "placement__"
    series = scoped(
        ProgressSeries.objects.order_by(),
        scope,
        **{name: prefix + path for name, path in PEOPLE_SCOPE.items()},
    ).filter(
        ratings__gte=2,
        placement__status="ended",
        placement__ended_on__gte=min(p.start for p in periods),
        placement__ended_on__lt=max(p.end for p in periods),
    )
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        ended = Q(placement__ended_on__gte=period.start, placement__ended_on__lt=period.end)
        aggregates[f"mean_{key}"] = Avg(
            F("last_score") - F("first_score"), filter=ended, output_field=DecimalField()
        )
        aggregates[f"n_{key}"] = Count("pk", filter=ended)
    figures = {
        row["dimension_id"]: row for row in series.values("dimension_id").annotate(**aggregates)
    }
    rows = []
    for dimension in ProgressDimension.objects.all():
        row = figures.get(dimension.code)
        if row is None:
            continue
        rows.append(
            RawRow(
                dimension.name,
                [rounded(row[f"mean_{key}"], "0.01") for key in keys],
                bases=[row[f"n_{key}"] for key in keys],
            )
        )
    return rows


PROGRESSION = Indicator(
    key="progression",
    section="outcomes",
    title=gettext_lazy("Progression per dimension"),
    definition=gettext_lazy(
        "For the people whose placement ended in the period and who were rated at two "
        "follow-ups or more, the mean change from the first to the last rating (scale 1–5) "
        "per dimension. A positive figure is progress. Not shown for a dimension with fewer "
        "than 5 people rated."
    ),
    unit="change",
    counts_people=True,
    calculate=progression,
)
