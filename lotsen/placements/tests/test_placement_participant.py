"""A placement keeps its referral's participant (decision 0210)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lotsen.placements.models import Placement

from .factories import OpeningFactory, propose


def test_a_proposed_placement_is_the_referral_participants(coordinator, caseworker):
    placement = propose(coordinator, caseworker, OpeningFactory())

    assert placement.participant == placement.referral.participant
    assert Placement.objects.filter(participant=placement.referral.participant).get() == placement


def _migrate(executor: MigrationExecutor, target: str) -> None:
    executor.loader.build_graph()
    executor.migrate([("placements", target)])


# Migrating commits; the serialized rollback restores the reference data that the flush
# afterwards would remove, and the test runs with the others that commit (decision 0169).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.commits
def test_the_migration_gives_every_existing_placement_its_participant(coordinator, caseworker):
    first = propose(coordinator, caseworker, OpeningFactory(), name="Anna Lindberg")
    second = propose(coordinator, caseworker, OpeningFactory(), name="Erik Nilsson")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("placements")[0][1]

    _migrate(executor, "0013_list_orderings_indexed")
    _migrate(executor, latest)

    participants = dict(Placement.objects.values_list("pk", "participant_id"))
    assert participants == {
        first.pk: first.referral.participant_id,
        second.pk: second.referral.participant_id,
    }
