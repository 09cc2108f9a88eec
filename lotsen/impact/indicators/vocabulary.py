"""What an indicator is and what it gives back: sections, units, scopes, rows and results."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy, pgettext_lazy

from lotsen.core.small_cells import Hidden, protects_any, suppress

from ..periods import Period

Value = int | Decimal | None

SECTIONS = {
    "enterprises": gettext_lazy("Social enterprises"),
    "placements": gettext_lazy("Work training and placements"),
    "outcomes": gettext_lazy("Outcomes and progression"),
    "support": gettext_lazy("Support to the enterprises"),
    "events": gettext_lazy("Events"),
    "needs": gettext_lazy("Needs"),
    "procurement": gettext_lazy("Procurement"),
    "economy": gettext_lazy("Economy"),
}
UNITS = {
    "count": gettext_lazy("number"),
    "people": gettext_lazy("people"),
    "percent": gettext_lazy("percent"),
    "days": gettext_lazy("days"),
    "working_days": gettext_lazy("working days"),
    "hours": gettext_lazy("hours"),
    "rating": gettext_lazy("rating 1–5"),
    "change": gettext_lazy("steps on the scale 1–5"),
    "kronor": gettext_lazy("SEK"),
}
# Units whose hidden value is a count of 1 to 4 and may read "<5"; in any other unit
# "<5" would read as a small value ("under 5 %"), so the cell reads HIDDEN instead.
COUNT_UNITS = frozenset({"count", "people"})
HIDDEN = pgettext_lazy("a figure not shown", "hidden")
MUNICIPALITY, PARTY = "municipality", "party"


@dataclass(frozen=True)
class Scope:
    municipality_id: int | str | None = None  # core.Municipality pk (its SCB code)
    party_id: int | None = None  # organisations.Organisation pk of a party

    @property
    def dimensions(self) -> set[str]:
        return {
            name
            for name, value in ((MUNICIPALITY, self.municipality_id), (PARTY, self.party_id))
            if value is not None
        }


REGION = Scope()


@dataclass
class RawRow:
    """One row's figure for each period asked for, and the people it rests on."""

    label: str
    values: list[Value]
    # The count of people behind each value (a share's denominator, a median's
    # number of cases); None where the value is itself the count.
    bases: list[int | None] | None = None
    # For each period, the counts of a whole that this value, with a figure shown
    # elsewhere, would give back: it is hidden to protect them whenever one of
    # them is hidden (decision 0101).
    protects: list[list[int]] | None = None

    def base(self, index: int) -> Value:
        return self.values[index] if self.bases is None else self.bases[index]

    def hidden_as_protecting(self, index: int) -> bool:
        return self.protects is not None and bool(suppress(self.protects[index]))


Calculate = Callable[[Sequence[Period], Scope], list[RawRow]]


@dataclass(frozen=True)
class Indicator:
    key: str
    section: str
    title: str
    definition: str
    unit: str
    counts_people: bool
    calculate: Calculate
    # The scopes that make sense for this indicator; others show "not applicable".
    scopes: frozenset[str] = frozenset({MUNICIPALITY, PARTY})
    # Rows that are parts of one whole (shown or computable), so one hidden
    # row needs a second one hidden beside it.
    partitions: bool = False
    chart: str = "bar"

    def applies_to(self, scope: Scope) -> bool:
        return scope.dimensions <= self.scopes

    def compute_many(self, periods: Sequence[Period], scope: Scope) -> list[RawRow]:
        return self.calculate(list(periods), scope)

    def compute(self, period: Period, scope: Scope) -> list[tuple[str, Value]]:
        """(label, value) of each row for one period; nothing hidden: for internal use."""
        return [(row.label, row.values[0]) for row in self.calculate([period], scope)]


@dataclass
class Row:
    label: str
    value: Value  # None when hidden or not computable
    previous: Value
    hidden: Hidden | None  # why the value is hidden; None when it is shown
    previous_hidden: Hidden | None = None
    unit: str = "count"

    @property
    def value_text(self) -> str:
        return hidden_text(self.hidden, self.unit) or format_value(self.value)

    @property
    def previous_text(self) -> str:
        return hidden_text(self.previous_hidden, self.unit) or format_value(self.previous)


@dataclass
class IndicatorResult:
    key: str
    section: str
    title: str
    definition: str
    unit: str
    counts_people: bool
    rows: list[Row]
    change_text: str
    applicable: bool = True
    chart: str = "bar"
    section_title: str = ""
    unit_label: str = ""

    @property
    def is_empty(self) -> bool:
        return all(row.value in (None, 0) and not row.hidden for row in self.rows)

    @property
    def protects(self) -> bool:
        """Whether a cell is hidden only to protect another: the table explains ".."."""
        return protects_any(
            reason for row in self.rows for reason in (row.hidden, row.previous_hidden)
        )


def hidden_text(hidden: Hidden | None, unit: str) -> str:
    """What stands in a hidden cell's place: its mark, or HIDDEN where the mark would read
    as a value in the unit; empty when the cell is shown."""
    if not hidden:
        return ""
    if hidden is Hidden.SMALL and unit not in COUNT_UNITS:
        return str(HIDDEN)
    return str(hidden)


def format_value(value: Value, *, hidden: Hidden | None = None, unit: str = "count") -> str:
    if hidden:
        return hidden_text(hidden, unit)
    if value is None:
        return "–"
    text = formats.number_format(value, use_l10n=True, force_grouping=True)
    return f"{text} %" if unit == "percent" else text
