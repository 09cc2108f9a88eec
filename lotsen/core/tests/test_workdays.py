from datetime import date, timedelta

import pytest

from lotsen.core.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_counter,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),  # May Day
        date(2026, 5, 14),  # Ascension Day
        date(2026, 6, 19),  # midsummer eve, de facto holiday
        date(2025, 6, 20),  # midsummer eve falls on another date each year
        date(2026, 12, 24),  # Christmas eve
        date(2026, 12, 25),
        date(2026, 12, 31),  # New Year's eve
        date(2027, 1, 1),
        date(2027, 1, 6),  # Epiphany
        date(2026, 11, 28),  # a Saturday
        date(2026, 11, 29),  # a Sunday
    ],
)
def test_holidays_eves_and_weekends_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 2),  # Maundy Thursday is a normal working day
        date(2026, 4, 7),
        date(2026, 6, 18),  # the day before midsummer eve
        date(2026, 6, 22),
        date(2026, 12, 23),
        date(2026, 12, 28),
        date(2026, 11, 27),
    ],
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_counting_across_easter_skips_good_friday_and_easter_monday():
    # Thursday before Easter + 1 working day = Tuesday after Easter.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)


def test_counting_across_midsummer_skips_the_eve_and_the_weekend():
    assert add_working_days(date(2026, 6, 18), 1) == date(2026, 6, 22)
    assert add_working_days(date(2025, 6, 19), 1) == date(2025, 6, 23)


def test_counting_across_christmas_and_new_year_skips_every_red_day():
    # 23 Dec 2026 (Wed) → 24, 25 off, 26-27 weekend, 28 Mon, 29, 30, 31 off, 1 Jan off,
    # 2-3 weekend, 4 Mon, 5 Tue, 6 off (Epiphany), 7 Thu.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)
    assert add_working_days(date(2026, 12, 23), 4) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 7)


def test_a_week_of_working_days_without_holidays_is_a_calendar_week():
    assert add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 30)


def test_zero_days_from_a_weekend_gives_the_next_working_day():
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_negative_days_count_backwards():
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


@pytest.mark.parametrize(
    ("start", "days"),
    [(date(2026, 4, 1), 4), (date(2026, 6, 17), 3), (date(2026, 12, 22), 8), (date(2026, 1, 2), 0)],
)
def test_counting_between_dates_inverts_adding(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert working_days_between(end, start) == -days


def test_between_counts_nothing_over_a_holiday_stretch():
    assert working_days_between(date(2026, 12, 23), date(2026, 12, 27)) == 0


def test_the_counter_agrees_with_counting_day_by_day_across_holidays():
    first, last = date(2025, 12, 1), date(2026, 7, 1)  # Christmas, Easter, midsummer
    between = working_days_counter(first, last)
    days = [first + timedelta(offset) for offset in range(0, (last - first).days + 1, 3)]
    for start in days[::5]:
        for end in days:
            assert between(start, end) == working_days_between(start, end)
