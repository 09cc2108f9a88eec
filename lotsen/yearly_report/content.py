"""What the yearly report says, gathered once for both the PDF and the workbook.

The indicators come from lotsen.impact (every registered indicator, section by
section, the year against the year before), the economy from the funding
follow-up and the socio-economic estimate from lotsen.socioeconomics. Small
cells are hidden by the indicators themselves when the report is made for
someone other than the coordinator; the estimate is withheld when it rests on a
count of 1–4 people. Every part runs a fixed number of queries, so the whole
report does too, whatever the number of rows.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.impact import charts
from lotsen.impact.indicators import (
    INDICATORS,
    REGION,
    SECTIONS,
    IndicatorResult,
    compute_indicators,
    sharing_figures,
)
from lotsen.impact.periods import Period

Progress = Callable[[int, str], None]


class ReportRefused(ValueError):
    """A year the report cannot be made for, with the reason in words."""


@dataclass
class Section:
    key: str
    title: str
    results: list[IndicatorResult]
    charts: dict[str, object] = field(default_factory=dict)

    @property
    def items(self) -> list[tuple[IndicatorResult, object]]:
        return [(result, self.charts.get(result.key)) for result in self.results]


@dataclass
class Report:
    year: int
    period: Period
    made_at: datetime.datetime
    shows_small_cells: bool
    sections: list[Section]
    followup: object | None  # lotsen.funding.followup.Followup, None without a plan
    estimate: object | None  # lotsen.socioeconomics.estimate.Estimate
    estimate_shown: bool

    @property
    def is_empty(self) -> bool:
        """True when the year has no figure at all: the report says so instead."""
        return (
            all(result.is_empty for section in self.sections for result in section.results)
            and self.followup is None
            and (self.estimate is None or self.estimate.is_empty)
        )


def first_year() -> int:
    """The first year the platform holds records for (today's year when it holds none)."""
    from lotsen.events.models import Event
    from lotsen.funding.models import Plan
    from lotsen.placements.models import Referral
    from lotsen.support.models import SupportRequest

    firsts = [
        Referral.objects.aggregate(first=Min("received_at"))["first"],
        SupportRequest.objects.aggregate(first=Min("created_at"))["first"],
        Event.objects.aggregate(first=Min("starts_at"))["first"],
    ]
    years = [timezone.localtime(moment).year for moment in firsts if moment is not None]
    plan_year = Plan.objects.aggregate(first=Min("year"))["first"]
    if plan_year is not None:
        years.append(plan_year)
    return min(years, default=timezone.localdate().year)


def check_year(year: int) -> Period:
    """The year's period, or ReportRefused when it is in the future or before the records."""
    this_year = timezone.localdate().year
    if year > this_year:
        raise ReportRefused(
            _("%(year)s has not begun yet; a yearly report can be made up to %(this)s.")
            % {"year": year, "this": this_year}
        )
    first = first_year()
    if year < first:
        raise ReportRefused(
            _(
                "The platform holds no records from before %(first)s; choose a year from "
                "%(first)s to %(this)s."
            )
            % {"first": first, "this": this_year}
        )
    return Period.year_of(year)


def _section(key: str, title: str, period: Period, *, show_small_cells: bool) -> Section | None:
    keys = [k for k, indicator in INDICATORS.items() if indicator.section == key]
    if not keys:
        return None
    results = compute_indicators(period, REGION, show_small_cells=show_small_cells, keys=keys)
    return Section(
        key=key,
        title=title,
        results=results,
        charts={
            result.key: charts.bar_chart(
                result,
                current_label=period.short_label,
                previous_label=period.previous().short_label,
            )
            for result in results
        },
    )


def build(year: int, *, show_small_cells: bool, progress: Progress | None = None) -> Report:
    """The report's content for a calendar year; ReportRefused for a year not allowed."""
    from lotsen.funding.followup import year_followup
    from lotsen.funding.models import Plan
    from lotsen.socioeconomics.estimate import estimate_for_year

    period = check_year(year)
    progress = progress or (lambda percent, step: None)
    sections = []
    steps = len(SECTIONS) + 2
    # The sections read some of the same figures (the people in placements).
    with sharing_figures():
        for number, (key, title) in enumerate(SECTIONS.items()):
            progress(number * 100 // steps, str(title))
            section = _section(key, str(title), period, show_small_cells=show_small_cells)
            if section is not None:
                sections.append(section)
    progress(len(SECTIONS) * 100 // steps, _("Economy"))
    plan = Plan.objects.filter(year=year).first()
    followup = year_followup(plan) if plan else None
    progress((len(SECTIONS) + 1) * 100 // steps, _("Socio-economic estimate"))
    estimate = estimate_for_year(year)
    return Report(
        year=year,
        period=period,
        made_at=timezone.now(),
        shows_small_cells=show_small_cells,
        sections=sections,
        followup=followup,
        estimate=estimate,
        estimate_shown=estimate.can_be_shown(show_small_cells=show_small_cells),
    )
