"""Figures for the national follow-up (Finsam): starts, exits, income and outcomes.

Each table is built from a fixed number of queries. Counts from 1 to 4 are
hidden for everyone but the coordinator, so a small cell cannot point at a person.
"""

import csv
import datetime
import io
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Gender, IncomeSource, Outcome, OutcomeGroup, Placement, Referral, outcome_group

SMALL_CELL_LIMIT = 5
AGE_BANDS = [(16, 24), (25, 29), (30, 39), (40, 49), (50, 59), (60, 67)]
UNKNOWN = gettext_lazy("Unknown")


@dataclass(frozen=True)
class Cell:
    value: int
    hidden: bool

    def __str__(self) -> str:
        return "<5" if self.hidden else str(self.value)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]


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


class Report:
    def __init__(self, *, date_from: datetime.date, date_to: datetime.date, show_small: bool):
        self.date_from, self.date_to, self.show_small = date_from, date_to, show_small

    def cell(self, value: int) -> Cell:
        return Cell(value, hidden=not self.show_small and 0 < value < SMALL_CELL_LIMIT)

    def _gender_table(self, key: str, title: str, counts: Counter, row_labels) -> Table:
        genders = Gender.choices
        rows = []
        for row_key, row_label in row_labels:
            values = [counts[(row_key, gender)] for gender, _label in genders]
            rows.append((str(row_label), [self.cell(v) for v in [*values, sum(values)]]))
        totals = [sum(counts[(r, g)] for r, _l in row_labels) for g, _label in genders]
        rows.append((_("Total"), [self.cell(v) for v in [*totals, sum(totals)]]))
        return Table(key, title, [str(label) for _g, label in genders] + [_("Total")], rows)

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
            ).values_list(
                "referral__participant__gender",
                "referral__participant__birth_year",
                "ended_on",
                "outcome",
                "referral__participant__income_source_start",
                "income_source_after",
            )
        )
        ended = Counter((age_band(year, on), gender) for gender, year, on, *_rest in ended_rows)
        outcomes = Counter((outcome, gender) for gender, _y, _o, outcome, *_rest in ended_rows)
        groups = Counter(
            (outcome_group(outcome), gender) for gender, _y, _o, outcome, *_rest in ended_rows
        )
        income_before = Counter(
            (before or "unknown", gender) for gender, _y, _o, _out, before, _after in ended_rows
        )
        income_after = Counter(
            (after or "unknown", gender) for gender, _y, _o, _out, _before, after in ended_rows
        )
        bands = [(label, label) for label in _band_labels()]
        income_rows = [*IncomeSource.choices, ("unknown", UNKNOWN)]
        return [
            self._gender_table(
                "referred",
                _("Participants referred"),
                referred,
                [("consent", _("With consent")), ("anonymous", _("Anonymous, without consent"))],
            ),
            self._gender_table("started", _("Participants started, by age"), started, bands),
            self._gender_table("ended", _("Participants ended, by age"), ended, bands),
            self._gender_table(
                "outcome_group", _("Outcome at exit, grouped"), groups, OutcomeGroup.choices
            ),
            self._gender_table("outcome", _("Outcome at exit"), outcomes, Outcome.choices),
            self._gender_table(
                "income_before",
                _("Income source before (participants ended)"),
                income_before,
                income_rows,
            ),
            self._gender_table(
                "income_after",
                _("Income source after (participants ended)"),
                income_after,
                income_rows,
            ),
        ]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([_("Period"), self.date_from.isoformat(), self.date_to.isoformat()])
        for table in self.tables():
            writer.writerow([])
            writer.writerow([table.title, *table.columns])
            for label, cells in table.rows:
                writer.writerow([label, *[str(cell) for cell in cells]])
        return out.getvalue()
