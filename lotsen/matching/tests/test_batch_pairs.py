"""The batch's fast search for feasible pairs gives exactly what the reference evaluation gives.

``Matcher.candidates`` screens the table of pairs (a bound on the distance, code
closeness looked up per code) before scoring; ``Pairs.evaluate`` checks and scores
each pair the plain way, as the explanations do. Over every pair of a seeded random
world they must agree bit for bit, and so must the optimal assignment built on them.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

from lotsen.matching import assignment
from lotsen.matching.engine import Matcher, Opening, Participant, Weights
from lotsen.matching.engine.matcher import BATCH_BLOCK

from .test_properties import FAST, worlds

SNI = ["01", "011", "0111", "02", "47", "4711", "56", "5610", "5621", "I", "G", "81", "8121"]
SSYK = ["5", "51", "5120", "5131", "9", "9111", "4", "41"]
MUNICIPALITIES = ["2580", "2581", "2582", "0180", "1480"]


def random_world(seed: int, adaptation_count: int) -> Matcher:
    """More participants than one block of the batch, every kind of missing data, and as
    many adaptation codes as asked (past 8, 16 or 64 the bitsets change width)."""
    rng = np.random.default_rng(seed)
    adaptations = [f"adaptation_{n}" for n in range(adaptation_count)]
    languages = ["sv", "en", "ar", "fi", "so"]

    def some(codes: list[str], most: int) -> list[str]:
        return [codes[i] for i in rng.choice(len(codes), rng.integers(0, most + 1), False)]

    def place(unknown_share: float) -> tuple[float | None, float | None]:
        if rng.random() < unknown_share:
            return None, None
        return float(rng.uniform(55.5, 68.5)), float(rng.uniform(12.0, 23.0))

    people = []
    for i in range(BATCH_BLOCK + 70):
        lat, lon = place(0.1)
        low = float(rng.choice([4, 8, 10, 20]))
        people.append(
            Participant(
                id=i + 1,
                lat=lat,
                lon=lon,
                hours_min=low,
                hours_max=low + float(rng.choice([0, 5, 10])),
                needed_adaptations=frozenset(some(adaptations, 2)),
                languages=frozenset(some(languages, 2)),
                needs_common_language=bool(rng.random() < 0.7),
                has_car=bool(rng.random() < 0.4),
                # Wide limits, none, a zero one: near, far and every opening at once.
                max_travel_km=None
                if rng.random() < 0.1
                else float(rng.choice([0.0, 30.0, 150.0, 400.0, 2000.0, 30000.0])),
                interest_sni=tuple(some(SNI, 3)),
                interest_ssyk=tuple(some(SSYK, 2)),
                preferred_municipalities=frozenset(some(MUNICIPALITIES, 1)),
                preferred_sni=tuple(some(SNI, 1)),
            )
        )
    places = []
    for j in range(300):
        lat, lon = place(0.05)
        low = float(rng.choice([4, 8, 15, 20]))
        places.append(
            Opening(
                id=1000 + j,
                enterprise_id=int(rng.integers(1, 40)),
                lat=lat,
                lon=lon,
                municipality_code=str(rng.choice(MUNICIPALITIES)),
                hours_min=low,
                hours_max=low + float(rng.choice([5, 10, 20])),
                capacity_left=int(rng.integers(-1, 4)),
                is_open=bool(rng.random() < 0.9),
                adaptations=frozenset(some(adaptations, adaptation_count)),
                languages=frozenset(some(languages, 3)),
                public_transport=bool(rng.random() < 0.6),
                supervisor_trained=bool(rng.random() < 0.5),
                sni=tuple(some(SNI, 2)),
                ssyk=tuple(some(SSYK, 2)),
                enterprise_placements=int(rng.integers(0, 4)),
            )
        )
    # Two participants at the very spot of an opening, with a zero limit.
    for k, source in enumerate(places[:2]):
        people.append(
            Participant(
                id=5000 + k, lat=source.lat, lon=source.lon, hours_min=0, hours_max=40,
                max_travel_km=0.0, has_car=True,
            )
        )  # fmt: skip
    return Matcher(people, places, Weights(interest=0.3, travel=0.3, preference=0.2))


def reference(matcher: Matcher) -> assignment.Candidates:
    """Every pair of the table evaluated one by one, the way an explanation is."""
    p, o = np.divmod(
        np.arange(len(matcher.participants) * len(matcher.openings)), len(matcher.openings)
    )
    evaluation = matcher._pairs.evaluate(p, o)
    feasible = evaluation.feasible
    return assignment.Candidates(
        participant=p[feasible],
        opening=o[feasible],
        score=evaluation.score[feasible],
        capacity=matcher._pairs.capacity_left.copy(),
        participant_count=len(matcher.participants),
    )


def assert_same(fast: assignment.Candidates, slow: assignment.Candidates) -> None:
    assert fast.participant.tolist() == slow.participant.tolist()
    assert fast.opening.tolist() == slow.opening.tolist()
    assert np.array_equal(fast.score, slow.score)  # bit for bit, not approximately


@pytest.mark.parametrize(("seed", "adaptation_count"), [(20261206, 8), (7, 12), (11, 70)])
def test_the_batch_finds_the_same_pairs_and_scores_as_the_reference(seed, adaptation_count):
    matcher = random_world(seed, adaptation_count)
    fast, slow = matcher.candidates(), reference(matcher)
    assert len(slow.score) > 1000  # the world has plenty to find
    assert_same(fast, slow)
    choice = assignment.solve_optimal(fast)
    assert choice.tolist() == assignment.solve_optimal(slow).tolist()
    result = matcher.assign("optimal", fast)
    for suggestion in result.suggestions:
        explained = matcher.explain(suggestion.participant_id, suggestion.opening_id)
        assert explained.feasible
        assert explained.score == suggestion.explanation.score == suggestion.score
    assert result.total_score == pytest.approx(assignment.upper_bound(fast), abs=1e-6)


@FAST
@given(worlds(most_participants=8, most_openings=8))
def test_the_batch_agrees_with_the_reference_on_generated_worlds(matcher):
    assert_same(matcher.candidates(), reference(matcher))
