"""The progress series: first and last score per placement and dimension, kept from the ratings."""

import datetime
import importlib

import pytest
from django.apps import apps

from .. import services
from ..models import FollowUp, ProgressSeries
from .factories import started_placement

TODAY = datetime.date.today()


@pytest.fixture
def placement(coordinator, caseworker, enterprise_user):
    return started_placement(coordinator, caseworker, enterprise_user)


def follow_up(placement, actor, days_ago: int, scores: dict[str, int]) -> FollowUp:
    return services.follow_up_record(
        actor=actor,
        placement=placement,
        follow_up=FollowUp(
            date=TODAY - datetime.timedelta(days=days_ago), phase="during", hours_attended=10
        ),
        scores=scores,
    )


def series_of(placement) -> dict[str, tuple[int, int, int]]:
    return {
        s.dimension_id: (s.first_score, s.last_score, s.ratings)
        for s in ProgressSeries.objects.filter(placement=placement)
    }


def test_it_starts_a_series_per_rated_dimension_when_a_follow_up_is_recorded(
    placement, enterprise_user
):
    follow_up(placement, enterprise_user, 20, {"motivation": 2, "routines": 4, "job_search": 0})
    # An unrated dimension (0: not rated) has no series.
    assert series_of(placement) == {"motivation": (2, 2, 1), "routines": (4, 4, 1)}


def test_it_keeps_the_first_score_and_moves_the_last_with_the_next_follow_up(
    placement, enterprise_user
):
    follow_up(placement, enterprise_user, 20, {"motivation": 2, "routines": 4})
    follow_up(placement, enterprise_user, 10, {"motivation": 5})
    assert series_of(placement) == {"motivation": (2, 5, 2), "routines": (4, 4, 1)}


def test_it_orders_a_series_by_follow_up_date_then_by_recording(placement, enterprise_user):
    follow_up(placement, enterprise_user, 5, {"motivation": 4})
    # Recorded afterwards but dated earlier: it is the first of the series.
    follow_up(placement, enterprise_user, 25, {"motivation": 1})
    # Two on the same day: the one recorded last is the last.
    follow_up(placement, enterprise_user, 5, {"motivation": 3})
    assert series_of(placement) == {"motivation": (1, 3, 3)}


def test_it_keeps_each_placement_apart(coordinator, caseworker, enterprise_user, placement):
    other = started_placement(coordinator, caseworker, enterprise_user)
    follow_up(placement, enterprise_user, 20, {"motivation": 2})
    follow_up(other, enterprise_user, 20, {"motivation": 5})
    follow_up(other, enterprise_user, 10, {"motivation": 1})
    assert series_of(placement) == {"motivation": (2, 2, 1)}
    assert series_of(other) == {"motivation": (5, 1, 2)}


def test_a_rebuild_follows_ratings_that_went_away(placement, enterprise_user):
    first = follow_up(placement, enterprise_user, 20, {"motivation": 2, "routines": 4})
    follow_up(placement, enterprise_user, 10, {"motivation": 5})
    first.delete()
    ProgressSeries.objects.rebuild_for([placement.pk])
    assert series_of(placement) == {"motivation": (5, 5, 1)}


def test_a_rebuild_of_no_placements_changes_nothing(placement, enterprise_user):
    follow_up(placement, enterprise_user, 20, {"motivation": 2})
    ProgressSeries.objects.rebuild_for([])
    assert series_of(placement) == {"motivation": (2, 2, 1)}


def test_the_series_go_with_their_placement(placement, enterprise_user):
    follow_up(placement, enterprise_user, 20, {"motivation": 2})
    placement.delete()
    assert not ProgressSeries.objects.exists()


def test_the_migration_builds_the_same_series_as_recording_does(
    coordinator, caseworker, enterprise_user
):
    placements = [started_placement(coordinator, caseworker, enterprise_user) for _ in range(3)]
    for number, placement in enumerate(placements):
        follow_up(placement, enterprise_user, 20, {"motivation": number + 1, "routines": 3})
        follow_up(placement, enterprise_user, 10, {"motivation": 5 - number})
    recorded = {p.pk: series_of(p) for p in placements}
    ProgressSeries.objects.all().delete()
    migration = importlib.import_module("lotsen.placements.migrations.0007_build_progress_series")
    migration.build(apps, None)
    assert {p.pk: series_of(p) for p in placements} == recorded
    # In ranges smaller than the placements, too: every placement lands in one range.
    ProgressSeries.objects.rebuild_all(batch=2)
    assert {p.pk: series_of(p) for p in placements} == recorded
