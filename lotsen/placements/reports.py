"""Figures for the national follow-up (Finsam): starts, exits, income, occupation, outcomes.

Each table is built from a fixed number of queries. Counts from 1 to 4 are
hidden for everyone but the coordinator, so a small cell cannot point at a person,
and so is a second cell wherever a total shown beside them would give one back:
the first reads "<5", the second ".." with a note under its table (decision 0154).
"""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core import exports
from lotsen.core.small_cells import PROTECTING_NOTE, Hidden, protects_any, suppress_table

from .models import (
    OUTCOME_GROUPS,
    Gender,
    IncomeSource,
    Outcome,
    OutcomeGroup,
    Placement,
    Referral,
    outcome_group,
)

AGE_BANDS = [(16, 24), (25, 29), (30, 39), (40, 49), (50, 59), (60, 67)]
# Work or studies in percent of 40 hours a week, banded as quarters of full time (0025).
EXTENT_BANDS = [(0, 0), (1, 24), (25, 49), (50, 74), (75, 100)]
UNKNOWN = gettext_lazy("Unknown")


@dataclass(frozen=True)
class Cell:
    value: int
    hidden: Hidden | None  # why the count is hidden; None when it is shown

    def __str__(self) -> str:
        return str(self.hidden or self.value)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]

    @property
    def protects(self) -> bool:
        """Whether a count is hidden only to protect another: the table explains ".."."""
        return protects_any(cell.hidden for _label, cells in self.rows for cell in cells)


def age_band(birth_year: int | None, on: datetime.date) -> str:
    if birth_year is None:
        return str(UNKNOWN)
    age = on.year - birth_year
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}–{high}"
    return str(UNKNOWN)


def _band_labels() -> list[str]:
    return [f"{low}–{high}" for low, high in AGE_BANDS] + [str(UNKNOWN)]


def _extent_label(low: int, high: int) -> str:
    return f"{low} %" if low == high else f"{low}–{high} %"


def _extent_labels() -> list[str]:
    return [_extent_label(low, high) for low, high in EXTENT_BANDS] + [str(UNKNOWN)]


def extent_band(percent: int | None) -> str:
    if percent is not None:
        for low, high in EXTENT_BANDS:
            if low <= percent <= high:
                return _extent_label(low, high)
    return str(UNKNOWN)


def occupation_after(outcome: str) -> str:
    """The outcome where the follow-up keeps it apart, otherwise the group "other"."""
    return outcome if outcome in OUTCOME_GROUPS else OutcomeGroup.OTHER


def _occupation_after_rows() -> list[tuple[str, str]]:
    return [(outcome, outcome.label) for outcome in OUTCOME_GROUPS] + [
        (OutcomeGroup.OTHER, OutcomeGroup.OTHER.label)
    ]


class Report:
    def __init__(self, *, date_from: datetime.date, date_to: datetime.date, show_small: bool):
        self.date_from, self.date_to, self.show_small = date_from, date_to, show_small

    def _gender_table(
        self, key: str, title: str, counts: Counter, row_labels, hidden_totals: Iterable[int] = ()
    ) -> Table:
        genders = [gender for gender, _label in Gender.choices]
        parts = [[counts[(row_key, gender)] for gender in genders] for row_key, _l in row_labels]
        totals = [sum(column) for column in zip(*parts, strict=True)]
        values = [[*row, sum(row)] for row in [*parts, totals]]
        # Hidden in another table, the total protects a cell there (or is small here too).
        already = {(len(parts), column): Hidden.PROTECTING for column in hidden_totals}
        hidden = {} if self.show_small else suppress_table(values, already)
        labels = [str(label) for _key, label in row_labels] + [_("Total")]
        rows = [
            (label, [Cell(value, hidden=hidden.get((r, c))) for c, value in enumerate(row)])
            for r, (label, row) in enumerate(zip(labels, values, strict=True))
        ]
        return Table(key, title, [str(label) for _g, label in Gender.choices] + [_("Total")], rows)

    def tables(self) -> list[Table]:
        referrals = Referral.objects.filter(
            received_at__date__gte=self.date_from, received_at__date__lte=self.date_to
        ).values_list("participant__gender", "participant__consent_given")
        referred = Counter(
            ("consent" if consent else "anonymous", gender) for gender, consent in referrals
        )
        started_rows = Placement.objects.filter(
            started_on__gte=self.date_from, started_on__lte=self.date_to
        ).values_list(
            "referral__participant__gender", "referral__participant__birth_year", "started_on"
        )
        started = Counter((age_band(year, on), gender) for gender, year, on in started_rows)
        ended_rows = list(
            Placement.objects.filter(
                status=Placement.Status.ENDED,
                ended_on__gte=self.date_from,
                ended_on__lte=self.date_to,
            ).values(
                "ended_on",
                "outcome",
                "income_source_after",
                "work_study_percent_after",
                gender=F("referral__participant__gender"),
                birth_year=F("referral__participant__birth_year"),
                income_source_start=F("referral__participant__income_source_start"),
                work_study_percent=F("referral__participant__work_study_percent"),
            )
        )

        def by_gender(key: Callable[[dict], str]) -> Counter:
            return Counter((key(row), row["gender"]) for row in ended_rows)

        ended = by_gender(lambda row: age_band(row["birth_year"], row["ended_on"]))
        outcomes = by_gender(lambda row: row["outcome"])
        groups = by_gender(lambda row: outcome_group(row["outcome"]))
        income_before = by_gender(lambda row: row["income_source_start"] or "unknown")
        income_after = by_gender(lambda row: row["income_source_after"] or "unknown")
        extent_before = by_gender(lambda row: extent_band(row["work_study_percent"]))
        occupation = by_gender(lambda row: occupation_after(row["outcome"]))
        extent_after = by_gender(lambda row: extent_band(row["work_study_percent_after"]))
        bands = [(label, label) for label in _band_labels()]
        income_rows = [*IncomeSource.choices, ("unknown", UNKNOWN)]
        extent_rows = [(label, label) for label in _extent_labels()]
        tables = [
            self._gender_table(
                "referred",
                _("Participants referred"),
                referred,
                [("consent", _("With consent")), ("anonymous", _("Anonymous, without consent"))],
            ),
            self._gender_table("started", _("Participants started, by age"), started, bands),
        ]
        of_ended = [
            ("ended", _("Participants ended, by age"), ended, bands),
            ("outcome_group", _("Outcome at exit, grouped"), groups, OutcomeGroup.choices),
            ("outcome", _("Outcome at exit"), outcomes, Outcome.choices),
            (
                "income_before",
                _("Income source before (participants ended)"),
                income_before,
                income_rows,
            ),
            (
                "income_after",
                _("Income source after (participants ended)"),
                income_after,
                income_rows,
            ),
            (
                "occupation_before",
                _(
                    "Occupation before: work or studies at start, percent of full time "
                    "(participants ended)"
                ),
                extent_before,
                extent_rows,
            ),
            (
                "occupation_after",
                _("Occupation after: outcome at exit (participants ended)"),
                occupation,
                _occupation_after_rows(),
            ),
            (
                "occupation_extent_after",
                _(
                    "Occupation after: work or studies at exit, percent of full time "
                    "(participants ended)"
                ),
                extent_after,
                extent_rows,
            ),
        ]
        # The tables of participants ended share one total row: a total hidden in one
        # is hidden in all, or another table would give it back.
        shared: set[int] = set()
        while True:
            ended_tables = [self._gender_table(*spec, hidden_totals=shared) for spec in of_ended]
            found = {
                column
                for table in ended_tables
                for column, cell in enumerate(table.rows[-1][1])
                if cell.hidden
            }
            if found <= shared:
                return tables + ended_tables
            shared |= found

    def csv(self) -> str:
        """Every table under the period, for Swedish Excel (lotsen.core.exports)."""
        rows: list[list] = []
        for table in self.tables():
            rows += [[], [table.title, *table.columns]]
            rows += [[label, *[str(cell) for cell in cells]] for label, cells in table.rows]
            if table.protects:
                rows.append([str(PROTECTING_NOTE)])
        return exports.csv_text([_("Period"), self.date_from, self.date_to], rows)
