"""Two people register for the last place at the same moment: one gets it, one waits.

Only PostgreSQL runs transactions truly in parallel; SQLite serialises every
writer, so the race cannot happen there.
"""

import threading
import time

import pytest
from django.db import connection, connections

from lotsen.events import services
from lotsen.events.models import Event, Registration
from lotsen.events.tests.factories import EventFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel transactions"),
    # Reference data comes from migrations; a flush between tests would remove it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.commits,
]


def _register_at_once(event: Event, emails: list[str]) -> list[BaseException]:
    start = threading.Barrier(len(emails))
    errors: list[BaseException] = []

    def register(email: str) -> None:
        try:
            start.wait(timeout=10)
            services.registration_create(event=event, name="Samtidig", email=email)
        except BaseException as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


@pytest.fixture
def slow_counting(monkeypatch):
    """Widen the window between counting the places and taking one.

    Without the row lock both threads would count one free place during the
    pause and both would take it; the test then fails.
    """
    count = Event.places_taken

    def counted_slowly(event):
        taken = count(event)
        time.sleep(0.3)
        return taken

    monkeypatch.setattr(Event, "places_taken", counted_slowly)


def test_two_registrations_for_the_last_place_give_one_place_and_one_wait(slow_counting):
    event = EventFactory(capacity=1)
    errors = _register_at_once(event, ["a@example.test", "b@example.test"])
    assert errors == []
    statuses = sorted(event.registrations.values_list("status", flat=True))
    assert statuses == [Registration.Status.CONFIRMED, Registration.Status.WAITING]


def test_without_a_waiting_list_the_second_is_refused(slow_counting):
    event = EventFactory(capacity=1, has_waiting_list=False)
    errors = _register_at_once(event, ["a@example.test", "b@example.test"])
    assert [error.code for error in errors] == ["full"]
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 1


def test_many_at_once_never_exceed_the_capacity(slow_counting):
    event = EventFactory(capacity=3)
    errors = _register_at_once(event, [f"p{n}@example.test" for n in range(6)])
    assert errors == []
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == 3
    assert event.registrations.filter(status=Registration.Status.WAITING).count() == 3
