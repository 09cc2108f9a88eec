"""From raw figures to what leaves the package: rows with the previous period beside
them, counts of 1–4 people hidden unless the viewer may see small cells, and a
sentence on what changed.
"""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from lotsen.core.small_cells import Hidden, hidden_if_small, suppress

from ..periods import Period
from .figures import sharing_figures
from .registry import INDICATORS
from .sharing import raw_figures
from .vocabulary import (
    SECTIONS,
    UNITS,
    Indicator,
    IndicatorResult,
    RawRow,
    Row,
    Scope,
    format_value,
)


def hidden_reasons(
    indicator: Indicator,
    raw: Sequence[RawRow | None],
    index: int,
    show: bool,
    *,
    complementary: bool,
) -> list[Hidden | None]:
    """Why each of `raw`'s values for period `index` is hidden (None: shown).

    With `complementary`, the values are parts of a whole shown elsewhere, so one
    hidden value takes a second with it. A row missing (None) has nothing to hide.
    """
    if show or not indicator.counts_people:
        return [None] * len(raw)
    protecting = {
        i: Hidden.PROTECTING
        for i, row in enumerate(raw)
        if row is not None and row.hidden_as_protecting(index)
    }
    bases = [None if row is None else row.base(index) for row in raw]
    if complementary:
        hidden = suppress(bases, protecting)
        return [hidden.get(i) for i in range(len(raw))]
    return [hidden_if_small(base) or protecting.get(i) for i, base in enumerate(bases)]


def change_text(title: str, unit: str, row: Row) -> str:
    """What changed since the previous period, said of the indicator's first row."""
    if Hidden.SMALL in (row.hidden, row.previous_hidden):
        return _("%(title)s: fewer than 5 in this or the previous period; no comparison shown.") % {
            "title": title
        }
    if row.hidden or row.previous_hidden:
        return _(
            "%(title)s: hidden in this or the previous period so that a small group cannot be "
            "worked out; no comparison shown."
        ) % {"title": title}
    if row.value is None:
        return _("%(title)s: no figure for this period.") % {"title": title}
    now = format_value(row.value, unit=unit)
    if row.previous is None:
        return _("%(title)s: %(now)s; no figure for the previous period.") % {
            "title": title,
            "now": now,
        }
    before = format_value(row.previous, unit=unit)
    if row.value == row.previous:
        return _("%(title)s: unchanged at %(now)s.") % {"title": title, "now": now}
    values = {"title": title, "now": now, "before": before}
    rose = row.value > row.previous
    if unit == "percent":
        values["points"] = formats.number_format(
            abs(Decimal(row.value) - Decimal(row.previous)), 1, use_l10n=True
        )
        if rose:
            return (
                _("%(title)s rose from %(before)s to %(now)s (+%(points)s percentage points).")
                % values
            )
        return (
            _("%(title)s fell from %(before)s to %(now)s (−%(points)s percentage points).") % values
        )
    if row.previous <= 0:
        return (
            _("%(title)s rose from %(before)s to %(now)s.")
            if rose
            else _("%(title)s fell from %(before)s to %(now)s.")
        ) % values
    change = (Decimal(row.value) - Decimal(row.previous)) * 100 / Decimal(row.previous)
    values["change"] = formats.number_format(abs(change).quantize(Decimal(1), ROUND_HALF_UP), 0)
    if rose:
        return _("%(title)s rose from %(before)s to %(now)s (+%(change)s %%).") % values
    return _("%(title)s fell from %(before)s to %(now)s (−%(change)s %%).") % values


def result_from(
    indicator: Indicator, raw: list[RawRow], *, show_small_cells: bool, applicable: bool = True
) -> IndicatorResult:
    """Rows for the last period of `raw` with the one before it (raw has two periods)."""
    rows = []
    if applicable:
        now_hidden, before_hidden = (
            hidden_reasons(
                indicator, raw, index, show_small_cells, complementary=indicator.partitions
            )
            for index in (1, 0)
        )
        rows = [
            Row(
                label=str(row.label),
                value=None if now_hidden[i] else row.values[1],
                previous=None if before_hidden[i] else row.values[0],
                hidden=now_hidden[i],
                previous_hidden=before_hidden[i],
                unit=indicator.unit,
            )
            for i, row in enumerate(raw)
        ]
    title = str(indicator.title)
    if not applicable:
        text = _("Not applicable for this scope.")
    elif rows:
        # Said of the first row, named as the row: "Participants who started rose …".
        text = change_text(rows[0].label, indicator.unit, rows[0])
    else:
        text = _("%(title)s: no figure for this period.") % {"title": title}
    return IndicatorResult(
        key=indicator.key,
        section=indicator.section,
        title=title,
        definition=str(indicator.definition),
        unit=indicator.unit,
        counts_people=indicator.counts_people,
        rows=rows,
        change_text=text,
        applicable=applicable,
        chart=indicator.chart,
        section_title=str(SECTIONS[indicator.section]),
        unit_label=str(UNITS[indicator.unit]),
    )


def compute_indicators(
    period: Period,
    scope: Scope,
    *,
    show_small_cells: bool,
    keys: Iterable[str] | None = None,
) -> list[IndicatorResult]:
    """Each indicator for the period, with the previous period beside it."""
    chosen = [INDICATORS[key] for key in keys] if keys is not None else list(INDICATORS.values())
    periods = [period.previous(), period]
    with sharing_figures():
        raw = raw_figures(
            [indicator for indicator in chosen if indicator.applies_to(scope)], periods, scope
        )
    return [
        result_from(
            indicator,
            raw.get(indicator.key, []),
            show_small_cells=show_small_cells,
            applicable=indicator.key in raw,
        )
        for indicator in chosen
    ]
