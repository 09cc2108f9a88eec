"""Each hard rule on hand-made pairs: passing, failing and not applicable."""

import pytest

from lotsen.matching.engine import Matcher, MatchingError, Notice, Rule, Status

from .factories import make_opening, make_participant

# One degree of latitude along a meridian is R·π/180 km.
ONE_DEGREE_KM = 111.195


def status_of(rule, participant, opening):
    explanation = Matcher([participant], [opening]).explain(participant.id, opening.id)
    return next(check.status for check in explanation.rules if check.rule == rule)


def suggested(participant, opening):
    return bool(Matcher([participant], [opening]).suggest_openings(participant.id))


def test_a_pair_passing_every_rule_is_suggested():
    assert suggested(make_participant(), make_opening())


@pytest.mark.parametrize(("is_open", "expected"), [(True, Status.PASSED), (False, Status.FAILED)])
def test_only_open_openings_pass(is_open, expected):
    opening = make_opening(is_open=is_open)
    assert status_of(Rule.OPEN, make_participant(), opening) == expected
    assert suggested(make_participant(), opening) == is_open


@pytest.mark.parametrize(("left", "expected"), [(1, True), (0, False), (-1, False)])
def test_an_opening_needs_capacity_left(left, expected):
    opening = make_opening(capacity_left=left)
    assert (status_of(Rule.CAPACITY, make_participant(), opening) == Status.PASSED) == expected
    assert suggested(make_participant(), opening) == expected


@pytest.mark.parametrize(
    ("opening_hours", "expected"),
    [
        ((10, 30), True),
        ((20, 30), True),  # the ranges touch at 20 hours
        ((21, 30), False),  # the opening asks more than the participant can give
        ((4, 9), False),  # the opening offers fewer hours than the participant's minimum
        ((15, 15), True),
    ],
)
def test_hour_ranges_must_overlap(opening_hours, expected):
    participant = make_participant(hours_min=10, hours_max=20)
    opening = make_opening(hours_min=opening_hours[0], hours_max=opening_hours[1])
    assert (status_of(Rule.HOURS, participant, opening) == Status.PASSED) == expected
    assert suggested(participant, opening) == expected


def test_a_single_figure_of_hours_is_a_range_of_one_point():
    participant = make_participant(hours_min=20, hours_max=20)
    assert suggested(participant, make_opening(hours_min=10, hours_max=20))
    assert not suggested(participant, make_opening(hours_min=25, hours_max=30))


@pytest.mark.parametrize(
    ("needed", "offered", "expected"),
    [
        ({"quiet_place"}, {"quiet_place", "flexible_hours"}, Status.PASSED),
        ({"quiet_place", "job_coach"}, {"quiet_place"}, Status.FAILED),
        ({"job_coach"}, set(), Status.FAILED),
        (set(), {"quiet_place"}, Status.NOT_APPLICABLE),
    ],
)
def test_every_needed_adaptation_must_be_available(needed, offered, expected):
    participant = make_participant(needed_adaptations=frozenset(needed))
    opening = make_opening(adaptations=frozenset(offered))
    assert status_of(Rule.ADAPTATIONS, participant, opening) == expected
    assert suggested(participant, opening) == (expected != Status.FAILED)


def test_the_explanation_names_the_missing_adaptations():
    participant = make_participant(needed_adaptations=frozenset({"quiet_place", "job_coach"}))
    opening = make_opening(adaptations=frozenset({"quiet_place"}))
    explanation = Matcher([participant], [opening]).explain(1, 100)
    check = next(c for c in explanation.rules if c.rule == Rule.ADAPTATIONS)
    assert check.detail == {"needed": ["job_coach", "quiet_place"], "missing": ["job_coach"]}
    assert not explanation.feasible


@pytest.mark.parametrize(("limit", "expected"), [(120, True), (111.3, True), (111.0, False)])
def test_the_distance_must_be_within_the_participants_limit(limit, expected):
    participant = make_participant(lat=65.0, lon=20.0, max_travel_km=limit)
    opening = make_opening(lat=66.0, lon=20.0)
    explanation = Matcher([participant], [opening]).explain(1, 100)
    check = next(c for c in explanation.rules if c.rule == Rule.DISTANCE)
    assert check.detail["distance_km"] == pytest.approx(ONE_DEGREE_KM, abs=0.05)
    assert (check.status == Status.PASSED) == expected
    assert suggested(participant, opening) == expected


def test_the_distance_is_the_great_circle_between_two_towns():
    # Luleå to Piteå by the haversine formula on the same coordinates: 43.09 km.
    participant = make_participant(lat=65.584, lon=22.156, max_travel_km=100)
    opening = make_opening(lat=65.317, lon=21.480)
    check = Matcher([participant], [opening]).explain(1, 100).rules[4]
    assert check.detail["distance_km"] == 43.1  # rounded to 100 m for display


def test_without_a_stated_limit_any_distance_passes():
    participant = make_participant(lat=55.6, lon=13.0, max_travel_km=None)
    assert status_of(Rule.DISTANCE, participant, make_opening()) == Status.NOT_APPLICABLE
    assert suggested(participant, make_opening())


def test_a_participant_without_location_is_matched_without_the_distance_rule_and_flagged():
    participant = make_participant(lat=None, lon=None, max_travel_km=1)
    opening = make_opening(lat=55.6, lon=13.0)
    matcher = Matcher([participant], [opening])
    [suggestion] = matcher.suggest_openings(1)
    assert status_of(Rule.DISTANCE, participant, opening) == Status.NOT_APPLICABLE
    assert suggestion.explanation.notices == (Notice.LOCATION_UNKNOWN,)
    assert matcher.participants_without_location == (1,)


@pytest.mark.parametrize(
    ("has_car", "public_transport", "expected", "by"),
    [
        (True, False, True, "car"),
        (True, True, True, "car"),
        (False, True, True, "public_transport"),
        (False, False, False, None),
    ],
)
def test_without_a_car_the_opening_must_be_reachable_by_public_transport(
    has_car, public_transport, expected, by
):
    participant = make_participant(has_car=has_car)
    opening = make_opening(public_transport=public_transport)
    check = Matcher([participant], [opening]).explain(1, 100).rules[5]
    assert check.rule == Rule.TRANSPORT
    assert (check.status == Status.PASSED) == expected
    assert check.detail == {"by": by}
    assert suggested(participant, opening) == expected


@pytest.mark.parametrize(
    ("spoken", "needs", "offered", "expected"),
    [
        ({"sv", "ar"}, True, {"ar"}, Status.PASSED),
        ({"ar"}, True, {"sv", "en"}, Status.FAILED),
        (set(), True, {"sv"}, Status.FAILED),
        ({"ar"}, False, {"sv"}, Status.NOT_APPLICABLE),
    ],
)
def test_a_language_in_common_is_required_when_the_participant_needs_one(
    spoken, needs, offered, expected
):
    participant = make_participant(languages=frozenset(spoken), needs_common_language=needs)
    opening = make_opening(languages=frozenset(offered))
    assert status_of(Rule.LANGUAGE, participant, opening) == expected
    assert suggested(participant, opening) == (expected != Status.FAILED)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lat": 65.0, "lon": None}, "coordinates_incomplete"),
        ({"lat": 95.0, "lon": 20.0}, "coordinates_out_of_range"),
        ({"hours_min": 20, "hours_max": 10}, "hours_range"),
        ({"hours_min": -1, "hours_max": 10}, "hours_range"),
        ({"max_travel_km": -5}, "travel_limit"),
        ({"max_travel_km": float("nan")}, "travel_limit"),
    ],
)
def test_impossible_participant_data_is_refused_with_a_code(fields, code):
    with pytest.raises(MatchingError) as error:
        make_participant(**fields)
    assert error.value.code == code
    assert error.value.params == {"owner": "participant", "id": 1}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lat": None, "lon": 20.0}, "coordinates_incomplete"),
        ({"hours_min": 30, "hours_max": 10}, "hours_range"),
        ({"enterprise_placements": -1}, "placements_negative"),
    ],
)
def test_impossible_opening_data_is_refused_with_a_code(fields, code):
    with pytest.raises(MatchingError) as error:
        make_opening(**fields)
    assert error.value.code == code


def test_duplicate_ids_are_refused():
    with pytest.raises(MatchingError) as error:
        Matcher([make_participant(), make_participant()], [make_opening()])
    assert error.value.code == "duplicate_id"
