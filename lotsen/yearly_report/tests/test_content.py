import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotsen.core.small_cells import Hidden
from lotsen.yearly_report import content

from . import factories

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1


def test_the_report_data_takes_as_many_queries_with_ten_times_the_records(coordinator):
    factories.plan(year=LAST_YEAR, by=coordinator)
    # Both years hold records at both sizes: an empty period may skip a query.
    factories.exits(3, year=LAST_YEAR, by=coordinator)
    factories.exits(2, year=LAST_YEAR - 1, by=coordinator)
    factories.support_and_events(2, year=LAST_YEAR)
    factories.support_and_events(1, year=LAST_YEAR - 1)
    content.build(LAST_YEAR, show_small_cells=True)  # warm caches (content types, areas)
    with CaptureQueriesContext(connection) as few:
        content.build(LAST_YEAR, show_small_cells=True)
    factories.exits(30, year=LAST_YEAR, by=coordinator, outcome="studies")
    factories.exits(10, year=LAST_YEAR - 1, by=coordinator)
    factories.support_and_events(20, year=LAST_YEAR)
    with CaptureQueriesContext(connection) as many:
        content.build(LAST_YEAR, show_small_cells=True)
    assert len(many) == len(few)


def test_the_report_compares_the_year_with_the_one_before(coordinator):
    factories.exits(6, year=LAST_YEAR, by=coordinator)
    factories.exits(7, year=LAST_YEAR - 1, by=coordinator)
    report = content.build(LAST_YEAR, show_small_cells=True)
    outcomes = next(s for s in report.sections if s.key == "outcomes")
    exit_result = next(r for r in outcomes.results if r.key == "exit_outcomes")
    work = exit_result.rows[0]
    assert (work.value, work.previous) == (6, 7)
    assert report.estimate.year == LAST_YEAR and not report.is_empty


def test_counts_of_one_to_four_people_are_hidden_unless_the_coordinator_asks(coordinator):
    factories.exits(3, year=LAST_YEAR, by=coordinator)
    for shown in (True, False):
        report = content.build(LAST_YEAR, show_small_cells=shown)
        outcomes = next(s for s in report.sections if s.key == "outcomes")
        work = next(r for r in outcomes.results if r.key == "exit_outcomes").rows[0]
        assert (work.hidden, work.value) == ((None, 3) if shown else (Hidden.SMALL, None))
        assert report.estimate_shown is shown


def test_progress_is_reported_in_rising_steps_below_one_hundred(coordinator):
    factories.exits(1, year=LAST_YEAR, by=coordinator)
    steps = []
    content.build(LAST_YEAR, show_small_cells=False, progress=lambda p, s: steps.append((p, s)))
    percents = [percent for percent, _step in steps]
    assert percents == sorted(percents) and percents[-1] < 100 and len(steps) > 3
    assert all(step for _percent, step in steps)


def test_a_future_year_is_refused_with_the_years_allowed():
    this_year = timezone.localdate().year
    with pytest.raises(content.ReportRefused, match=str(this_year)):
        content.build(this_year + 1, show_small_cells=True)


def test_a_year_before_the_first_records_is_refused(coordinator):
    factories.exits(1, year=LAST_YEAR, by=coordinator)
    assert content.first_year() == LAST_YEAR
    with pytest.raises(content.ReportRefused, match=str(LAST_YEAR)):
        content.check_year(LAST_YEAR - 1)


def test_without_any_record_only_this_year_can_be_reported():
    assert content.first_year() == timezone.localdate().year


def test_an_empty_year_gives_an_honest_empty_report(coordinator):
    factories.exits(1, year=LAST_YEAR - 1, by=coordinator)
    # The placement ended in the middle of the year before, so nothing happened last year.
    report = content.build(LAST_YEAR, show_small_cells=True)
    assert report.is_empty
    assert report.followup is None and report.estimate.is_empty


def test_a_year_with_records_is_not_empty(coordinator):
    factories.plan(year=LAST_YEAR, by=coordinator)
    report = content.build(LAST_YEAR, show_small_cells=False)
    assert not report.is_empty
    assert report.followup.plan.year == LAST_YEAR
    assert report.period.start == datetime.date(LAST_YEAR, 1, 1)
