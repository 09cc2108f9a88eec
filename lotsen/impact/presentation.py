"""What the pages show: indicator results grouped by section with their charts,
and the drill-down tables by municipality, by party and over time.

Every table of people here hides counts of 1–4 unless the viewer may see small
cells; where the cells of a column add up to a figure shown elsewhere (the
municipalities to the region, the parties to all parties), a lone hidden cell
takes a second one with it (decision 0101), shown as ".." and explained under
the table (decision 0154).
"""

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core import exports
from lotsen.core.models import Municipality
from lotsen.core.small_cells import Hidden, hidden_if_small, protects_any
from lotsen.organisations.models import Organisation

from . import charts
from .indicators import (
    INDICATORS,
    MUNICIPALITY,
    PARTY,
    REGION,
    SECTIONS,
    UNITS,
    Indicator,
    Scope,
    format_value,
    hidden_reasons,
)
from .periods import MONTH, QUARTER, Period

if TYPE_CHECKING:
    from .stored import Figures

TRAIL_LENGTH = {MONTH: 12, QUARTER: 8}
YEARS_IN_TRAIL = 5


@dataclass
class Cell:
    value: object
    hidden: Hidden | None
    unit: str = "count"

    def __str__(self) -> str:
        return format_value(self.value, hidden=self.hidden, unit=self.unit)


@dataclass
class Table:
    key: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    applicable: bool = True

    @property
    def protects(self) -> bool:
        """Whether a cell is hidden only to protect another: the table explains ".."."""
        return protects_any(cell.hidden for _label, cells in self.rows for cell in cells)


def sections(results, period: Period) -> list[dict]:
    grouped = []
    for key, title in SECTIONS.items():
        items = [
            {
                "result": result,
                "chart": charts.bar_chart(
                    result,
                    current_label=period.short_label,
                    previous_label=period.previous().short_label,
                ),
            }
            for result in results
            if result.section == key
        ]
        if items:
            grouped.append({"key": key, "title": title, "items": items})
    return grouped


def sections_html(results, period: Period) -> str:
    """The dashboard's part made from the results alone: every section with its charts.

    Rendered without a request, so the task that refreshes stored figures makes it too.
    """
    return render_to_string(
        "impact/includes/sections.html",
        {"sections": sections(results, period), "period": period},
    )


def scope_label(form) -> str:
    municipality = form.cleaned_data.get("municipality")
    party = form.cleaned_data.get("party")
    parts = [str(municipality) if municipality else _("the whole region")]
    if party:
        parts.append(str(party))
    return ", ".join(parts)


def _entity_table(indicator, period, entities, scope_of, show, *, key, caption) -> Table:
    """One row per entity (municipality, party), one column per row of the indicator."""
    raws = [
        (str(entity), indicator.compute_many([period], scope_of(entity))) for entity in entities
    ]
    # Rows such as dimensions or support areas appear only where there is data,
    # so the columns are every label seen, and an entity without one has no value.
    columns = list(dict.fromkeys(str(row.label) for _name, raw in raws for row in raw))
    by_label = [{str(row.label): row for row in raw} for _name, raw in raws]
    values = [
        [rows[column].values[0] if column in rows else None for column in columns]
        for rows in by_label
    ]
    unit = indicator.unit
    hidden_by_column = [
        hidden_reasons(
            indicator, [rows.get(column) for rows in by_label], 0, show, complementary=True
        )
        for column in columns
    ]
    rows = [
        (
            name,
            [
                Cell(
                    None if hidden_by_column[c][r] else values[r][c],
                    hidden_by_column[c][r],
                    unit,
                )
                for c in range(len(columns))
            ],
        )
        for r, (name, _raw) in enumerate(raws)
    ]
    return Table(key, caption, columns, rows)


def breakdown_by_municipality(indicator: Indicator, period: Period, show: bool) -> Table:
    caption = _("By municipality, %(period)s") % {"period": period.label}
    if MUNICIPALITY not in indicator.scopes:
        return Table("municipality", caption, [], [], applicable=False)
    municipalities = list(Municipality.objects.in_home_county())
    return _entity_table(
        indicator,
        period,
        municipalities,
        lambda m: Scope(municipality_id=m.pk),
        show,
        key="municipality",
        caption=caption,
    )


def breakdown_by_party(indicator: Indicator, period: Period, show: bool) -> Table:
    caption = _("By party, %(period)s") % {"period": period.label}
    if PARTY not in indicator.scopes:
        return Table("party", caption, [], [], applicable=False)
    parties = list(Organisation.objects.filter(kind=Organisation.Kind.PARTY).order_by("name"))
    return _entity_table(
        indicator,
        period,
        parties,
        lambda p: Scope(party_id=p.pk),
        show,
        key="party",
        caption=caption,
    )


@dataclass
class Trend:
    table: Table
    chart: charts.LineChart | None
    series_label: str


def trend(indicator: Indicator, period: Period, show: bool) -> Trend:
    periods = period.trail(TRAIL_LENGTH.get(period.kind, YEARS_IN_TRAIL))
    raw = indicator.compute_many(periods, Scope())
    columns = [str(row.label) for row in raw]
    rows = []
    for index, each in enumerate(periods):
        hidden = hidden_reasons(indicator, raw, index, show, complementary=indicator.partitions)
        cells = [
            Cell(None if hidden[c] else row.values[index], hidden[c], indicator.unit)
            for c, row in enumerate(raw)
        ]
        rows.append((each.label, cells))
    caption = _("Over time, the whole region")
    table = Table("trend", caption, columns, rows)
    chart = None
    if raw:
        first = [cells[0] for _label, cells in rows]
        chart = charts.line_chart(
            [each.short_label for each in periods],
            [cell.value for cell in first],
            [str(cell) for cell in first],
        )
    return Trend(table, chart, columns[0] if columns else "")


def unit_label(indicator: Indicator) -> str:
    return str(UNITS[indicator.unit])


# ---------------------------------------------------------------- public

# (indicator, row shown or None for the sum of its rows, caption of a sum)
PUBLIC_HEADLINES = [
    ("enterprises", 0, None),
    ("placements", 0, None),
    ("work_or_studies", 0, None),
    ("support_hours", None, gettext_lazy("Support hours delivered")),
    ("event_participants", None, gettext_lazy("Participations in events")),
    ("procurement_social_awards", 0, None),
]
PUBLIC_CHARTS = [
    "exit_outcomes",
    "support_hours",
    "event_participants",
    "procurement_opportunities",
]


@dataclass
class Headline:
    title: str
    text: str
    definition: str
    hidden: Hidden | None = None


def _public_figures(period: Period, show: bool) -> "Figures":
    # The whole region's figures are the dashboard's, kept in the store and warmed after
    # each deploy (decision 0097): computing them on every visit cost seconds at
    # national scale. The store imports this module, hence the import here.
    from .stored import dashboard_figures

    return dashboard_figures(period, REGION, show_small_cells=show)


def _public_only(results) -> dict:
    keys = {key for key, _row, _caption in PUBLIC_HEADLINES} | set(PUBLIC_CHARTS)
    return {r.key: r for r in results if r.key in keys}


def _public_results(period: Period, show: bool):
    return _public_only(_public_figures(period, show).results)


def public_statistics(period: Period, show: bool) -> dict:
    """The public page's headlines and charts, the results behind them, and when the
    stored figures they come from were computed (`computed_at`)."""
    stored = _public_figures(period, show)
    results = _public_only(stored.results)
    headlines = []
    for key, row_index, caption in PUBLIC_HEADLINES:
        result = results.get(key)
        if result is None or not result.rows:
            continue
        if row_index is None:
            # The sum is taken before hiding: hidden rows would make it too small.
            indicator = INDICATORS[key]
            total = sum((row.values[0] or 0) for row in indicator.compute_many([period], REGION))
            hidden = hidden_if_small(total) if indicator.counts_people and not show else None
            text, title = format_value(total, hidden=hidden), str(caption)
        else:
            row = result.rows[row_index]
            hidden = row.hidden
            text, title = format_value(row.value, hidden=hidden, unit=result.unit), row.label
        headlines.append(Headline(title, text, result.definition, hidden))
    figures = [
        {
            "result": results[key],
            "chart": charts.bar_chart(
                results[key],
                current_label=period.short_label,
                previous_label=period.previous().short_label,
            ),
        }
        for key in PUBLIC_CHARTS
        if key in results
    ]
    return {
        "headlines": headlines,
        "headlines_protect": protects_any(headline.hidden for headline in headlines),
        "figures": figures,
        "results": list(results.values()),
        "computed_at": stored.computed_at,
    }


def public_csv(period: Period, show: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "period",
            "indikator",
            "rubrik",
            "rad",
            "varde",
            "varde_dolt",
            "enhet",
            "foregaende_period",
            "foregaende_varde",
            "foregaende_varde_dolt",
        ]
    )
    for result in _public_results(period, show).values():
        for row in result.rows:
            writer.writerow(
                [
                    period.slug,
                    result.key,
                    # Labels name municipalities and enterprises' own words: kept from running.
                    exports.neutralise(str(result.title)),
                    exports.neutralise(str(row.label)),
                    _csv_value(row.value, row.hidden),
                    CSV_HIDDEN.get(row.hidden, ""),
                    exports.neutralise(str(result.unit)),
                    period.previous().slug,
                    _csv_value(row.previous, row.previous_hidden),
                    CSV_HIDDEN.get(row.previous_hidden, ""),
                ]
            )
    return out.getvalue()


# Why a value of statistik.csv is hidden, in its own column: the value column holds
# numbers only, so a hidden value is empty there and never reads as a small one in any
# unit (decision 0206). An empty value that is not hidden could not be computed.
CSV_HIDDEN = {Hidden.SMALL: "fa_personer", Hidden.PROTECTING: "skyddar_annan"}


def public_csv_schema() -> dict:
    """The Frictionless Table Schema of statistik.csv: what each column holds, its type."""
    period = {"type": "string", "constraints": {"pattern": r"^[0-9]{4}(-K[1-4]|-[0-9]{2})?$"}}
    hidden = {"type": "string", "constraints": {"enum": sorted(CSV_HIDDEN.values())}}
    value_note = (
        "Empty when hidden (see the column beside it) or when it cannot be computed, "
        "such as a share of nobody; a decimal point."
    )
    hidden_note = (
        "Why the value is hidden, empty when shown: fa_personer = a count of 1 to 4 people, "
        "or a share, mean or median resting on so few; skyddar_annan = hidden only so that "
        "such a count cannot be worked out from the other figures."
    )
    return {
        "fields": [
            {"name": "period", "description": "Year, quarter (YYYY-KN) or month", **period},
            {"name": "indikator", "type": "string", "description": "The indicator's key"},
            {"name": "rubrik", "type": "string", "description": "The indicator's title"},
            {"name": "rad", "type": "string", "description": "The row of the indicator"},
            {"name": "varde", "type": "number", "description": value_note},
            {"name": "varde_dolt", "description": hidden_note, **hidden},
            {
                "name": "enhet",
                "type": "string",
                "description": "Unit of varde and foregaende_varde",
                "constraints": {"required": True, "enum": sorted(UNITS)},
            },
            {"name": "foregaende_period", "description": "The period before", **period},
            {"name": "foregaende_varde", "type": "number", "description": value_note},
            {"name": "foregaende_varde_dolt", "description": hidden_note, **hidden},
        ],
        "missingValues": [""],
    }


def _csv_value(value, hidden: Hidden | None) -> str:
    # Open data keeps a dot as decimal mark, whatever the language of the page.
    if hidden or value is None:
        return ""
    return str(value)
