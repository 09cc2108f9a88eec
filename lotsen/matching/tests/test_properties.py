"""Invariants of suggestions and assignments on generated worlds, against plain oracles.

The oracle below restates each hard rule directly from the issue (with the haversine
formula for distance), independently of the vectorised engine.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotsen.matching import assignment
from lotsen.matching.engine import (
    Matcher,
    Notice,
    Opening,
    Participant,
    Weights,
    great_circle_km,
    unit_vectors,
)

ADAPTATIONS = ["quiet_place", "flexible_hours", "job_coach"]
LANGUAGES = ["sv", "en", "ar"]
SNI = ["01", "011", "0111", "02", "47", "4711", "56", "5610", "5621", "I", "G"]
SSYK = ["5", "51", "5120", "5131", "9", "9111"]
MUNICIPALITIES = ["2580", "2581", "2582"]
EARTH_RADIUS_KM = 6371.0088

FAST = settings(max_examples=40, deadline=None)

places = st.one_of(
    st.none(),
    st.tuples(st.floats(65.0, 66.0), st.floats(20.0, 23.0)),
)
code_sets = st.frozensets
weights = st.builds(
    Weights,
    interest=st.floats(0, 3),
    travel=st.floats(0, 3),
    supervisor=st.floats(0, 3),
    preference=st.floats(0, 3),
    fairness=st.floats(0.01, 3),  # keeps at least one weight above zero
)


@st.composite
def hours(draw):
    low = draw(st.integers(0, 40))
    return low, draw(st.integers(low, 40))


@st.composite
def participants(draw, id: int) -> Participant:
    place = draw(places) or (None, None)
    low, high = draw(hours())
    return Participant(
        id=id,
        lat=place[0],
        lon=place[1],
        hours_min=low,
        hours_max=high,
        needed_adaptations=draw(code_sets(st.sampled_from(ADAPTATIONS), max_size=2)),
        languages=draw(code_sets(st.sampled_from(LANGUAGES), max_size=2)),
        needs_common_language=draw(st.booleans()),
        has_car=draw(st.booleans()),
        max_travel_km=draw(st.one_of(st.none(), st.integers(0, 150).map(float))),
        interest_sni=tuple(draw(st.lists(st.sampled_from(SNI), max_size=2))),
        interest_ssyk=tuple(draw(st.lists(st.sampled_from(SSYK), max_size=2))),
        preferred_municipalities=draw(code_sets(st.sampled_from(MUNICIPALITIES), max_size=1)),
        preferred_sni=tuple(draw(st.lists(st.sampled_from(SNI), max_size=1))),
    )


@st.composite
def openings(draw, id: int) -> Opening:
    place = draw(st.tuples(st.floats(65.0, 66.0), st.floats(20.0, 23.0)))
    low, high = draw(hours())
    return Opening(
        id=id,
        enterprise_id=draw(st.integers(1, 3)),
        lat=place[0],
        lon=place[1],
        municipality_code=draw(st.sampled_from(MUNICIPALITIES)),
        hours_min=low,
        hours_max=high,
        capacity_left=draw(st.integers(-1, 3)),
        is_open=draw(st.booleans()),
        adaptations=draw(code_sets(st.sampled_from(ADAPTATIONS))),
        languages=draw(code_sets(st.sampled_from(LANGUAGES), min_size=1)),
        public_transport=draw(st.booleans()),
        supervisor_trained=draw(st.booleans()),
        sni=tuple(draw(st.lists(st.sampled_from(SNI), max_size=2))),
        ssyk=tuple(draw(st.lists(st.sampled_from(SSYK), max_size=2))),
        enterprise_placements=draw(st.integers(0, 4)),
    )


@st.composite
def worlds(draw, most_participants: int = 6, most_openings: int = 5):
    # Mostly rule-friendly worlds, so that assignments have something to choose from.
    people = [draw(participants(id=10 + i)) for i in range(draw(st.integers(0, most_participants)))]
    places_ = [draw(openings(id=100 + j)) for j in range(draw(st.integers(0, most_openings)))]
    return Matcher(people, places_, draw(weights))


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def allowed(p: Participant, o: Opening) -> bool:
    if not o.is_open or o.capacity_left < 1:
        return False
    if not (p.hours_min <= o.hours_max and o.hours_min <= p.hours_max):
        return False
    if not p.needed_adaptations <= o.adaptations:
        return False
    distance_limited = p.lat is not None and p.max_travel_km is not None
    if distance_limited and haversine_km(p.lat, p.lon, o.lat, o.lon) > p.max_travel_km:
        return False
    if not (p.has_car or o.public_transport):
        return False
    return not (p.needs_common_language and not p.languages & o.languages)


@FAST
@given(worlds())
def test_suggestions_for_a_participant_are_exactly_the_allowed_openings_best_first(matcher):
    for p in matcher.participants:
        suggestions = matcher.suggest_openings(p.id, limit=len(matcher.openings) + 1)
        assert {s.opening_id for s in suggestions} == {
            o.id for o in matcher.openings if allowed(p, o)
        }
        scores = [s.score for s in suggestions]
        assert scores == sorted(scores, reverse=True)
        for suggestion in suggestions:
            explanation = suggestion.explanation
            assert 0 <= suggestion.score <= 1
            assert explanation.feasible
            assert (Notice.LOCATION_UNKNOWN in explanation.notices) == (p.lat is None)
            contributions = sum(part.contribution for part in explanation.parts)
            assert contributions == pytest.approx(suggestion.score, abs=1e-3)


@FAST
@given(worlds())
def test_suggestions_for_an_opening_are_exactly_the_allowed_participants(matcher):
    for o in matcher.openings:
        suggestions = matcher.suggest_participants(o.id, limit=len(matcher.participants) + 1)
        assert {s.participant_id for s in suggestions} == {
            p.id for p in matcher.participants if allowed(p, o)
        }
        for suggestion in suggestions:
            same = matcher.explain(suggestion.participant_id, o.id)
            assert same.score == pytest.approx(suggestion.score)


def assert_valid(matcher: Matcher, result) -> None:
    by_id = {o.id: o for o in matcher.openings}
    people = {p.id: p for p in matcher.participants}
    placed = [s.participant_id for s in result.suggestions]
    assert len(placed) == len(set(placed)), "a participant placed twice"
    assert set(placed) | set(result.unassigned) == set(people)
    assert not set(placed) & set(result.unassigned)
    for opening_id, taken in Counter(s.opening_id for s in result.suggestions).items():
        assert taken <= by_id[opening_id].capacity_left, "an opening over capacity"
    for s in result.suggestions:
        assert allowed(people[s.participant_id], by_id[s.opening_id])


def brute_force(candidates: assignment.Candidates) -> float:
    options: list[list[tuple[int, float]]] = [[] for _ in range(candidates.participant_count)]
    for p, o, score in zip(
        candidates.participant.tolist(),
        candidates.opening.tolist(),
        candidates.score.tolist(),
        strict=True,
    ):
        options[p].append((o, score))
    left = [max(c, 0) for c in candidates.capacity.tolist()]

    def best(person: int) -> float:
        if person == len(options):
            return 0.0
        result = best(person + 1)  # this person unassigned
        for opening, score in options[person]:
            if left[opening]:
                left[opening] -= 1
                result = max(result, score + best(person + 1))
                left[opening] += 1
        return result

    return best(0)


@FAST
@given(worlds())
def test_the_batch_respects_every_rule_and_capacity_and_never_falls_below_greedy(matcher):
    candidates = matcher.candidates()
    optimal = matcher.assign("optimal", candidates)
    greedy = matcher.assign("greedy", candidates)
    assert_valid(matcher, optimal)
    assert_valid(matcher, greedy)
    assert optimal.total_score >= greedy.total_score - 1e-9


@settings(max_examples=60, deadline=None)
@given(worlds(most_participants=5, most_openings=4))
def test_the_batch_equals_brute_force_on_tiny_worlds(matcher):
    candidates = matcher.candidates()
    optimum = brute_force(candidates)
    choice = assignment.solve_optimal(candidates)
    assert assignment.total_score(candidates, choice) == pytest.approx(optimum, abs=1e-9)
    assert matcher.assign("optimal", candidates).total_score == pytest.approx(optimum, abs=1e-9)
    assert assignment.upper_bound(candidates) == pytest.approx(optimum, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
)
def test_the_chord_distance_equals_the_haversine_formula(a, b):
    vectors = unit_vectors(np.array([a, b]))
    assert great_circle_km(vectors[0], vectors[1]) == pytest.approx(haversine_km(*a, *b), abs=1e-3)
