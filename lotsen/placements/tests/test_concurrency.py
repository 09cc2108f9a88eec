"""Two people taking the last seat at the same moment: the opening never overflows.

Runs on PostgreSQL, where `SELECT … FOR UPDATE` locks the opening row; SQLite
serialises whole-database writes and cannot show the race.
"""

import threading

import pytest
from django.db import connection, connections

from lotsen.core.workflow import TransitionRefused

from .. import services
from ..models import Placement
from .factories import OpeningFactory, enterprise_of, propose

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are a PostgreSQL feature"
)

PARALLEL = 6


# A real commit per thread needs a transactional test; the serialized rollback
# restores the reference data that the flush afterwards would remove.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.commits
def test_concurrent_accepts_never_exceed_capacity(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=2)
    proposals = [propose(coordinator, caseworker, opening) for _ in range(PARALLEL)]
    barrier = threading.Barrier(PARALLEL)
    outcomes: list[str] = []

    def accept(placement: Placement) -> None:
        try:
            barrier.wait()
            services.placement_accept(actor=enterprise_user, placement=placement)
            outcomes.append("accepted")
        except TransitionRefused as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(p,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["accepted"] * 2 + ["opening_full"] * (PARALLEL - 2)
    assert opening.placements.filter(status__in=Placement.SEAT_HOLDING).count() == 2
