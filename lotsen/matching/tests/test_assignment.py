"""The exact batch assignment and the greedy baseline on hand-made instances."""

import numpy as np
import pytest

from lotsen.matching import assignment
from lotsen.matching.assignment import UNASSIGNED, Candidates
from lotsen.matching.engine import Matcher, Weights

from .factories import make_opening, make_participant


def candidates(pairs, capacity, participant_count):
    participant, opening, score = zip(*pairs, strict=True) if pairs else ((), (), ())
    return Candidates(
        participant=np.array(participant, np.int64),
        opening=np.array(opening, np.int64),
        score=np.array(score, float),
        capacity=np.array(capacity, np.int64),
        participant_count=participant_count,
    )


def test_the_optimum_beats_greedy_where_greedy_blocks_a_better_pair():
    # Greedy gives participant 0 opening 0 (0.9) and leaves 1 out; the optimum is 0.8 + 0.85.
    instance = candidates([(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.85)], [1, 1], 2)
    greedy = assignment.solve_greedy(instance)
    optimal = assignment.solve_optimal(instance)
    assert greedy.tolist() == [0, UNASSIGNED]
    assert optimal.tolist() == [1, 0]
    assert assignment.total_score(instance, optimal) == pytest.approx(1.65)
    assert assignment.upper_bound(instance) == pytest.approx(1.65)


def test_an_opening_takes_as_many_as_its_capacity():
    instance = candidates([(0, 0, 0.5), (1, 0, 0.6), (2, 0, 0.7)], [2], 3)
    choice = assignment.solve_optimal(instance)
    assert sorted(choice.tolist()) == [UNASSIGNED, 0, 0]
    assert choice[0] == UNASSIGNED  # the lowest score is the one left out


def test_participants_no_opening_may_take_stay_unassigned():
    instance = candidates([(1, 0, 0.4)], [3], 3)
    assert assignment.solve_optimal(instance).tolist() == [UNASSIGNED, 0, UNASSIGNED]


def test_nothing_to_assign_gives_everyone_unassigned():
    instance = candidates([], [1, 2], 2)
    assert assignment.solve_optimal(instance).tolist() == [UNASSIGNED, UNASSIGNED]
    assert assignment.solve_greedy(instance).tolist() == [UNASSIGNED, UNASSIGNED]
    assert assignment.upper_bound(instance) == 0


def test_a_full_opening_takes_nobody():
    instance = candidates([(0, 0, 0.9), (0, 1, 0.1)], [0, 1], 1)
    assert assignment.solve_optimal(instance).tolist() == [1]
    assert assignment.solve_greedy(instance).tolist() == [1]


def test_the_batch_explains_each_proposal_and_lists_who_is_left_out():
    participants = [
        make_participant(id=1, interest_sni=("56",)),
        make_participant(id=2, interest_sni=("56",)),
        make_participant(id=3, has_car=False),
    ]
    openings = [
        make_opening(id=10, sni=("5610",), capacity_left=1),
        make_opening(id=11, sni=("47",), capacity_left=1, public_transport=False),
    ]
    weights = Weights(interest=1, travel=0, supervisor=0, preference=0, fairness=0)
    result = Matcher(participants, openings, weights).assign()
    assert result.method == "optimal"
    assert {(s.participant_id, s.opening_id) for s in result.suggestions} in (
        {(1, 10), (2, 11)},
        {(2, 10), (1, 11)},
    )
    assert result.unassigned == (3,)
    assert result.total_score == pytest.approx(1.0)
    assert all(s.explanation.feasible for s in result.suggestions)
