"""The store of dashboard figures: a hit shows the kept figures; after a change of data a
visit is served the last figures, marked, while a background task computes new ones."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_tasks import default_task_backend

from lotsen.impact import stored
from lotsen.impact.indicators import REGION
from lotsen.impact.periods import Period
from lotsen.impact.tasks import refresh_dashboard_figures
from lotsen.placements.models import Placement

from .factories import episode, party
from .test_views import started_cell

D = datetime.date
YEAR_2025 = Period.year_of(2025)
DASHBOARD_2025 = "/effekt/?kind=year&year=2025"
STALE_NOTE = "Uppgifterna har ändrats sedan dess; nya siffror räknas fram."


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


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache every process reads, as Redis in production, not one process's memory."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }


@pytest.fixture
def queued_tasks(settings, shared_cache):
    """A task backend that keeps what is enqueued, as a worker that has not run it yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return default_task_backend.results


def run(task_result) -> None:
    """What the worker does with an enqueued task: call it with its (JSON) arguments."""
    task_result.task.call(*task_result.args, **task_result.kwargs)


def test_with_tasks_run_at_once_a_new_record_shows_in_the_next_request(referring, shared_cache):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    assert started(stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)) == 1
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    again = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert not again.stale
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
    assert "Siffrorna beräknades" in client.get(DASHBOARD_2025).text


# ------------------------------------------------------- served while refreshed


def test_after_a_change_the_last_figures_are_served_stale_and_one_refresh_is_queued(
    referring, queued_tasks
):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    first = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    with CaptureQueriesContext(connection) as queries:
        served = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert len(queries) == 0  # no indicator is computed during the visit
    assert served.stale and served.changed
    assert started(served) == 1
    assert served.computed_at == first.computed_at
    assert served.rendered == first.rendered
    again = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert again.stale
    assert len(queued_tasks) == 1  # the second visit finds the refresh pending
    assert queued_tasks[0].task == refresh_dashboard_figures
    assert queued_tasks[0].args == [YEAR_2025.slug, None, None, True, translation.get_language()]


def test_the_refresh_task_stores_fresh_figures_for_the_next_visit(referring, queued_tasks):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    run(queued_tasks[0])
    fresh = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert fresh.stored and not fresh.stale
    assert started(fresh) == 2
    # The refresh is no longer pending: the next change queues another.
    episode(referring_party=referring, received=D(2025, 5, 10), started=D(2025, 6, 1))
    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert len(queued_tasks) == 2


def test_the_dashboard_after_a_change_shows_the_last_figures_with_a_note_until_refreshed(
    client, coordinator, referring, queued_tasks
):
    client.force_login(coordinator)
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    client.get(DASHBOARD_2025)
    with CaptureQueriesContext(connection) as usual:
        client.get(DASHBOARD_2025)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    with CaptureQueriesContext(connection) as after_change:
        response = client.get(DASHBOARD_2025)
    assert len(after_change) == len(usual)  # as cheap as the usual visit: nothing computed
    assert STALE_NOTE in response.text
    assert "Siffrorna beräknades" in response.text
    assert started_cell(response) == "1"
    run(queued_tasks[0])
    response = client.get(DASHBOARD_2025)
    assert STALE_NOTE not in response.text
    assert started_cell(response) == "2"


def test_with_tasks_run_at_once_the_dashboard_shows_a_change_at_once(
    client, coordinator, referring, shared_cache
):
    client.force_login(coordinator)
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    client.get(DASHBOARD_2025)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    response = client.get(DASHBOARD_2025)
    assert STALE_NOTE not in response.text
    assert started_cell(response) == "2"


def test_steering_is_never_served_the_coordinators_figures_stale_or_not(
    client, all_personas, referring, queued_tasks
):
    from lotsen.accounts.models import Role

    coordinator, steering = all_personas[Role.COORDINATOR], all_personas[Role.STEERING]
    for _ in range(3):
        episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    client.force_login(coordinator)
    assert started_cell(client.get(DASHBOARD_2025)) == "3"
    client.force_login(steering)
    assert started_cell(client.get(DASHBOARD_2025)) == "&lt;5"
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    response = client.get(DASHBOARD_2025)
    assert STALE_NOTE in response.text
    assert started_cell(response) == "&lt;5"
    client.force_login(coordinator)
    assert started_cell(client.get(DASHBOARD_2025)) == "3"


def test_a_refresh_in_another_language_and_scope_is_stored_under_its_own_key(
    referring, queued_tasks
):
    from lotsen.impact.indicators import Scope

    scope = Scope(municipality_id="2580", party_id=referring.pk)
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    with translation.override("en"):
        stored.dashboard_figures(YEAR_2025, scope, show_small_cells=False)
        episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
        stored.dashboard_figures(YEAR_2025, scope, show_small_cells=False)
    (refresh,) = queued_tasks
    assert refresh.args == [YEAR_2025.slug, "2580", referring.pk, False, "en"]
    run(refresh)
    with translation.override("en"):
        fresh = stored.dashboard_figures(YEAR_2025, scope, show_small_cells=False)
    assert not fresh.stale
    assert "Placements started" in fresh.rendered


def test_figures_of_an_open_period_past_their_age_are_served_stale_though_nothing_changed(
    referring, queued_tasks, monkeypatch
):
    monkeypatch.setattr(stored, "CURRENT_MAX_AGE", 0)  # fresh for no time at all
    this_year = Period.current()
    stored.dashboard_figures(this_year, REGION, show_small_cells=True)
    served = stored.dashboard_figures(this_year, REGION, show_small_cells=True)
    assert served.stale and not served.changed
    assert len(queued_tasks) == 1


def test_with_a_cache_in_one_process_memory_the_visit_after_a_change_computes(referring, settings):
    # A worker process would store the refreshed figures where this process never looks.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    again = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert not again.stored and not again.stale
    assert started(again) == 2
    assert default_task_backend.results == []


def test_stale_figures_never_cross_from_shown_to_hidden_small_cells(referring, queued_tasks):
    episode(referring_party=referring, received=D(2025, 1, 10), started=D(2025, 2, 1))
    stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    episode(referring_party=referring, received=D(2025, 3, 10), started=D(2025, 4, 1))
    # The hidden figures were never computed: they are computed now, not taken from the
    # coordinator's stale ones.
    hidden = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=False)
    assert not hidden.stale
    assert started(hidden) is None
    assert queued_tasks == []
    episode(referring_party=referring, received=D(2025, 5, 10), started=D(2025, 6, 1))
    hidden = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=False)
    shown = stored.dashboard_figures(YEAR_2025, REGION, show_small_cells=True)
    assert hidden.stale and started(hidden) is None
    assert shown.stale and started(shown) == 1
    assert sorted(task.args[3] for task in queued_tasks) == [False, True]


def test_the_warm_command_stores_the_regions_figures_of_this_and_last_year(db, shared_cache):
    call_command("warm_impact_figures", stdout=io.StringIO())
    this_year = Period.current()
    for period in (this_year, this_year.previous()):
        for language in ("sv", "en"):
            for show_small_cells in (False, True):
                with translation.override(language):
                    figures = stored.dashboard_figures(
                        period, REGION, show_small_cells=show_small_cells
                    )
                assert figures.stored and not figures.stale
