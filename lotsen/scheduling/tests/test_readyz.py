import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lotsen.scheduling.models import JobRun

from .factories import jobs_done_on_time

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_MORNING = datetime.datetime(2026, 6, 15, 9, 30, tzinfo=STOCKHOLM)


@pytest.fixture
def fixed_clock():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield


def test_it_answers_ok_when_every_job_ran_on_time(client, db, fixed_clock):
    jobs_done_on_time(MONDAY_MORNING)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "overdue_jobs": [],
    }


def test_it_answers_503_with_the_names_of_the_overdue_jobs(client, db, fixed_clock):
    jobs_done_on_time(MONDAY_MORNING)
    JobRun.objects.filter(job="send_placement_reminders").delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["overdue_jobs"] == ["send_placement_reminders"]


def test_it_answers_503_when_the_cache_is_down(client, db, fixed_clock, monkeypatch):
    jobs_done_on_time(MONDAY_MORNING)

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr("lotsen.scheduling.views.cache.set", down)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"


def test_the_liveness_check_does_not_wait_for_the_jobs(client, db, fixed_clock):
    assert client.get("/healthz").status_code == 200
