from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from lotsen.impact.indicators import REGION, compute_indicators
from lotsen.impact.periods import Period
from lotsen.placements.models import Participant


# The demo's episodes end between 20 and 300 days before today, so in the autumn
# both this year and last have figures; early in January only last year has.
@pytest.mark.today("2026-10-15")
@override_settings(DEBUG=True)
def test_the_demo_world_gives_figures_this_year_and_last(db):
    call_command("seed_demo", stdout=StringIO())
    this_year = Period.current()
    results = {r.key: r for r in compute_indicators(this_year, REGION, show_small_cells=False)}
    # Steering sees real numbers, not only "<5", for the people flows of both years.
    started, _active, ended = results["placements"].rows
    assert started.value >= 5 and started.previous >= 5
    assert ended.value >= 5 and ended.previous >= 5
    assert results["work_or_studies"].rows[0].value is not None
    assert results["referral_to_placement"].rows[0].value is not None
    assert any(row.value for row in results["progression"].rows)
    for key in ("enterprises", "support_requests", "support_hours", "events", "needs"):
        assert not results[key].is_empty, key
    # A second run adds no episodes.
    count = Participant.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Participant.objects.count() == count


@pytest.mark.today("2027-01-04")
@override_settings(DEBUG=True)
def test_early_in_january_the_demo_world_gives_figures_for_last_year(db):
    call_command("seed_demo", stdout=StringIO())
    last_year = Period.current().previous()
    results = {r.key: r for r in compute_indicators(last_year, REGION, show_small_cells=False)}
    started, _active, ended = results["placements"].rows
    assert started.value >= 5 and ended.value >= 5
    assert results["work_or_studies"].rows[0].value is not None
