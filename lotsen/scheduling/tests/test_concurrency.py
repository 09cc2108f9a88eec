"""Two servers' schedulers claim the same slot at the same moment: one runs it.

Only PostgreSQL runs transactions truly in parallel; SQLite serialises every writer, and
the unique constraint decides there as well (test_runs.py).
"""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from lotsen.scheduling.models import JobRun
from lotsen.scheduling.schedule import JOBS_BY_COMMAND
from lotsen.scheduling.services import job_claim

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs parallel transactions"),
    # Reference data comes from migrations; a flush between tests would remove it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.commits,
]

NOW = datetime.datetime(2026, 6, 15, 9, 30, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_of_several_schedulers_claiming_one_slot_at_once_exactly_one_wins():
    servers = 4
    start = threading.Barrier(servers)
    claims: list[JobRun | None] = []
    errors: list[BaseException] = []

    def claim() -> None:
        try:
            start.wait(timeout=10)
            claims.append(job_claim(job=JOBS_BY_COMMAND["warm_impact_figures"], now=NOW))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=claim) for _ in range(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len([run for run in claims if run is not None]) == 1
    assert JobRun.objects.count() == 1
