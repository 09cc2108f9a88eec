"""The store of dashboard figures: a hit shows the kept figures, a change of data recomputes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotsen.impact import stored
from lotsen.impact.indicators import REGION
from lotsen.impact.periods import Period
from lotsen.placements.models import Placement

from .factories import episode, party

D = datetime.date
YEAR_2025 = Period.year_of(2025)


def started(figures) -> int:
    placements = next(result for result in figures.results if result.key == "placements")
    return placements.rows[0].value


@pytest.fixture
def referring(db):
    return party("2580", name="Arbetsförmedlingen")


def test_the_first_request_computes_and_the_next_takes_the_stored_figures(referring):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    first = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    with CaptureQueriesContext(connection) as queries:
        second = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert not first.stored and second.stored
    assert len(queries) == 0
    assert started(second) == started(first) == 1
    assert second.computed_at == first.computed_at


def test_a_new_record_makes_the_next_request_compute_again(referring):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    assert started(stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)) == 1
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    again = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert not again.stored
    assert started(again) == 2


def test_a_deleted_record_makes_the_next_request_compute_again(referring):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    second = episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    assert started(stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)) == 2
    Placement.objects.filter(referral=second).delete()
    assert started(stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)) == 1


def test_hidden_and_shown_small_cells_are_stored_apart(referring):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    shown = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    hidden = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=False)
    assert not hidden.stored
    assert started(shown) == 1
    assert started(hidden) is None


def test_a_record_outside_the_source_apps_keeps_the_stored_figures(referring):
    from lotsen.accounts.tests.factories import UserFactory

    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    UserFactory()
    assert stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True).stored


def test_the_dashboard_says_when_its_figures_were_computed(client, steering, referring):
    client.force_login(steering)
    assert "Siffrorna beräknades" in client.get("/effekt/?kind=year&year=2025").text
