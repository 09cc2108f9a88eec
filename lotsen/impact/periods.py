"""Reporting periods: a month, a quarter or a year, as half-open date ranges.

A period is named in URLs and forms by its slug: "2026" (a year), "2026-K3"
(the third quarter, K for kvartal) or "2026-05" (May). A period that has not
started yet cannot be asked for: there is nothing to measure.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONTH, QUARTER, YEAR = "month", "quarter", "year"
KINDS = {
    MONTH: gettext_lazy("Month"),
    QUARTER: gettext_lazy("Quarter"),
    YEAR: gettext_lazy("Year"),
}
NUMBERS = {MONTH: 12, QUARTER: 4, YEAR: 1}
# The platform holds no records from before this year; older periods are typos.
FIRST_YEAR = 2000
_SLUG = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<quarter>[Kk]\d)|(?P<month>\d{2})))?$")


def _first_day(year: int, month: int) -> datetime.date:
    # Years past 9999 cannot be dates; the overflow lands on the year after.
    return datetime.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int
    start: datetime.date
    end: datetime.date

    @classmethod
    def of(cls, kind: str, year: int, number: int = 1, *, allow_future: bool = False) -> "Period":
        """The period, or ValueError when it does not exist or has not begun."""
        if kind not in NUMBERS:
            raise ValueError(_("Choose month, quarter or year."))
        if not 1 <= number <= NUMBERS[kind]:
            raise ValueError(
                _("The number must be from 1 to %(highest)d.") % {"highest": NUMBERS[kind]}
            )
        if not FIRST_YEAR <= year <= 9998:
            raise ValueError(_("Choose a year from %(first)d.") % {"first": FIRST_YEAR})
        period = cls._make(kind, year, number)
        if not allow_future and period.start > timezone.localdate():
            raise ValueError(
                _("%(period)s has not begun yet; choose a period up to today.")
                % {"period": period.label}
            )
        return period

    @classmethod
    def _make(cls, kind: str, year: int, number: int) -> "Period":
        months = {MONTH: 1, QUARTER: 3, YEAR: 12}[kind]
        first_month = (number - 1) * months + 1
        return cls(
            kind,
            year,
            number,
            _first_day(year, first_month),
            _first_day(year, first_month + months),
        )

    @classmethod
    def parse(cls, slug: str) -> "Period":
        match = _SLUG.match((slug or "").strip())
        if not match:
            raise ValueError(
                _("Write the period as a year (2026), a quarter (2026-K3) or a month (2026-05).")
            )
        year = int(match["year"])
        if match["quarter"]:
            return cls.of(QUARTER, year, int(match["quarter"][1:]))
        if match["month"]:
            return cls.of(MONTH, year, int(match["month"]))
        return cls.of(YEAR, year)

    @classmethod
    def year_of(cls, year: int) -> "Period":
        return cls.of(YEAR, year)

    @classmethod
    def current(cls, kind: str = YEAR) -> "Period":
        """The period of the given kind that contains today."""
        today = timezone.localdate()
        number = {MONTH: today.month, QUARTER: (today.month - 1) // 3 + 1, YEAR: 1}[kind]
        return cls.of(kind, today.year, number)

    @property
    def slug(self) -> str:
        if self.kind == QUARTER:
            return f"{self.year}-K{self.number}"
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return _("quarter %(number)d %(year)d") % {"number": self.number, "year": self.year}
        if self.kind == MONTH:
            return f"{MONTHS[self.number]} {self.year}"
        return str(self.year)

    @property
    def short_label(self) -> str:
        """A label for a chart's axis: "2026", "K3 2026", "maj 2026" shortened."""
        if self.kind == QUARTER:
            return _("Q%(number)d %(year)d") % {"number": self.number, "year": self.year}
        if self.kind == MONTH:
            return f"{str(MONTHS[self.number])[:3]} {self.year}"
        return str(self.year)

    @property
    def is_complete(self) -> bool:
        return self.end <= timezone.localdate()

    def previous(self) -> "Period":
        if self.number == 1:
            return Period._make(self.kind, self.year - 1, NUMBERS[self.kind])
        return Period._make(self.kind, self.year, self.number - 1)

    def trail(self, length: int) -> list["Period"]:
        """This period and the ones before it, oldest first, `length` in all."""
        periods = [self]
        while len(periods) < length:
            periods.append(periods[-1].previous())
        return periods[::-1]

    def __str__(self) -> str:
        return self.label
