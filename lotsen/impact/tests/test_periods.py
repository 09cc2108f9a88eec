import datetime

import pytest
from django.utils import translation

from lotsen.impact.periods import Period

TODAY = datetime.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.mark.parametrize(
    ("slug", "kind", "number", "start", "end"),
    [
        ("2026", "year", 1, datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)),
        ("2026-K3", "quarter", 3, datetime.date(2026, 7, 1), datetime.date(2026, 10, 1)),
        ("2025-k4", "quarter", 4, datetime.date(2025, 10, 1), datetime.date(2026, 1, 1)),
        ("2026-05", "month", 5, datetime.date(2026, 5, 1), datetime.date(2026, 6, 1)),
        ("2025-12", "month", 12, datetime.date(2025, 12, 1), datetime.date(2026, 1, 1)),
    ],
)
def test_it_parses_a_slug_into_a_half_open_range(slug, kind, number, start, end):
    period = Period.parse(slug)
    assert (period.kind, period.number, period.start, period.end) == (kind, number, start, end)
    assert Period.parse(period.slug) == period


@pytest.mark.parametrize(
    "slug",
    ["", "26", "2026-K5", "2026-K0", "2026-13", "2026-00", "2026-1", "abcd", "1999", "2026-05-01"],
)
def test_a_malformed_or_impossible_slug_is_refused_with_a_message(slug):
    with pytest.raises(ValueError, match=r"\w"):
        Period.parse(slug)


@pytest.mark.parametrize("slug", ["2027", "2026-12", "2027-K1"])
def test_a_period_that_has_not_begun_is_refused(slug):
    with pytest.raises(ValueError, match=r"2026|2027"):
        Period.parse(slug)


def test_the_current_period_is_allowed_though_not_complete():
    period = Period.parse("2026-11")
    assert not period.is_complete
    assert Period.parse("2026-10").is_complete


@pytest.mark.parametrize(
    ("slug", "previous"),
    [("2026", "2025"), ("2026-K1", "2025-K4"), ("2026-K3", "2026-K2"), ("2026-01", "2025-12")],
)
def test_the_previous_period_is_the_one_just_before(slug, previous):
    assert Period.parse(slug).previous().slug == previous


def test_year_of_and_current():
    assert Period.year_of(2024).slug == "2024"
    assert Period.current().slug == "2026"
    assert Period.current("quarter").slug == "2026-K4"
    assert Period.current("month").slug == "2026-11"


def test_a_trail_ends_with_the_period_and_runs_oldest_first():
    trail = Period.parse("2026-02").trail(4)
    assert [p.slug for p in trail] == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_labels_are_localised():
    with translation.override("sv"):
        assert Period.parse("2026-05").label == "maj 2026"
        assert Period.parse("2026-K3").label == "kvartal 3 2026"
        assert Period.parse("2026").label == "2026"
    with translation.override("en"):
        assert Period.parse("2026-05").label == "May 2026"
        assert Period.parse("2026-K3").label == "quarter 3 2026"
