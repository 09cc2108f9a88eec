"""One computation shared by two threads gives the figures one connection gives (decision
0211), fetches a shared figure once, and leaves no connection behind."""

import contextvars
import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.impact.indicators import REGION, compute_indicators
from lotsen.impact.indicators.figures import shared, sharing_figures
from lotsen.impact.indicators.sharing import may_share_the_work
from lotsen.impact.periods import Period
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.placements.models import ProgressDimension

from .factories import episode, moment, party, rate

D = datetime.date
Y2025 = Period.year_of(2025)


def test_a_figure_two_threads_ask_for_at_once_is_fetched_once():
    fetched, answers = [], []
    computing, may_finish = threading.Event(), threading.Event()

    @shared
    def slow_figure(periods, scope):
        fetched.append(periods)
        computing.set()
        may_finish.wait(timeout=10)
        return 42

    def ask():
        answers.append(slow_figure([Y2025], REGION))

    with sharing_figures():
        first = threading.Thread(target=contextvars.copy_context().run, args=(ask,))
        first.start()
        computing.wait(timeout=10)
        second = threading.Thread(target=contextvars.copy_context().run, args=(ask,))
        second.start()
        time.sleep(0.05)  # the second is waiting for the first's answer
        may_finish.set()
        first.join()
        second.join()
    assert answers == [42, 42]
    assert len(fetched) == 1


def test_inside_a_transaction_the_work_stays_on_its_connection(db):
    # The test's own transaction: a helper's connection could not see its rows.
    assert not may_share_the_work()


def _a_year_of_records():
    af = party("2580", name="Arbetsförmedlingen")
    dimension = ProgressDimension.objects.first().code
    for day, outcome in [(D(2025, 3, 1), "studies"), (D(2025, 6, 1), "work_unsubsidised")]:
        referral = episode(
            referring_party=af,
            received=D(2024, 12, 1),
            started=D(2025, 1, 10),
            ended=day,
            outcome=outcome,
        )
        placement = referral.placements.get()
        rate(placement, D(2025, 1, 10), {dimension: 2})
        rate(placement, day, {dimension: 4})
    episode(referring_party=af, received=D(2025, 2, 1), started=D(2025, 3, 1))
    held = EventFactory(starts_at=moment(D(2025, 5, 5), 9), ends_at=moment(D(2025, 5, 5), 12))
    enterprise = OrganisationFactory(kind="social_enterprise")
    RegistrationFactory(event=held, organisation=enterprise, attended=True)
    RegistrationFactory(event=held, attended=False)


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="an in-memory database has one connection"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.commits
def test_two_threads_compute_what_one_connection_computes_and_close_what_they_opened():
    _a_year_of_records()
    assert may_share_the_work()
    with translation.override("en"):
        with CaptureQueriesContext(connection) as on_this_connection:
            shared_out = compute_indicators(Y2025, REGION, show_small_cells=True)
        with transaction.atomic(), CaptureQueriesContext(connection) as alone:
            one_connection = compute_indicators(Y2025, REGION, show_small_cells=True)
    # The same figures, labels and sentences, in the asker's language in both threads.
    assert shared_out == one_connection
    assert "Participants who started" in {row.label for result in shared_out for row in result.rows}
    # Part of the work ran on the helper's own connection ...
    assert len(on_this_connection.captured_queries) < len(alone.captured_queries) - 2
    # ... which it closed when it was done.
    assert _other_connections_to_this_database() == 0


def _other_connections_to_this_database(wait_s: float = 5.0) -> int:
    deadline = time.monotonic() + wait_s
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            (others,) = cursor.fetchone()
        # A server process ends a moment after its client has gone.
        if others == 0 or time.monotonic() > deadline:
            return others
        time.sleep(0.05)
