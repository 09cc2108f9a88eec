"""Each score part and the weighted mean, on hand-computed cases."""

import math

import pytest

from lotsen.matching.engine import Matcher, Part, Weights, WeightsError

from .factories import make_opening, make_participant

ONE_DEGREE_KM = 111.195


def part_of(part, participant, opening, weights=None):
    explanation = Matcher([participant], [opening], weights).explain(participant.id, opening.id)
    return next(p for p in explanation.parts if p.part == part)


def test_interest_is_the_mean_closeness_over_the_kinds_stated():
    participant = make_participant(interest_sni=("5610",), interest_ssyk=("5131",))
    opening = make_opening(sni=("5621",), ssyk=("5120",))
    part = part_of(Part.INTEREST, participant, opening)
    # SNI: I, 56 shared of four levels = 0.5; SSYK: 5, 51 shared of four = 0.5.
    assert part.value == pytest.approx(0.5)
    assert part.detail["sni"] == {"value": 0.5, "participant_code": "5610", "opening_code": "5621"}
    assert part.detail["ssyk"]["value"] == 0.5


def test_interest_takes_the_closest_of_several_codes():
    participant = make_participant(interest_sni=("47", "0111"))
    opening = make_opening(sni=("0112", "88"), ssyk=("5120",))
    part = part_of(Part.INTEREST, participant, opening)
    assert part.value == pytest.approx(0.75)  # 0111 and 0112 share A, 01, 011
    assert part.detail["ssyk"] is None  # no occupation interest stated, so not counted


def test_interest_does_not_apply_without_stated_interests():
    part = part_of(Part.INTEREST, make_participant(), make_opening(sni=("56",)))
    assert part.value is None
    assert part.contribution == 0


def test_an_opening_without_codes_scores_zero_on_interest():
    part = part_of(Part.INTEREST, make_participant(interest_sni=("56",)), make_opening())
    assert part.value == 0


def test_travel_is_the_share_of_the_limit_left():
    participant = make_participant(lat=65.0, lon=20.0, max_travel_km=2 * ONE_DEGREE_KM)
    opening = make_opening(lat=66.0, lon=20.0)
    part = part_of(Part.TRAVEL, participant, opening)
    assert part.value == pytest.approx(0.5, abs=1e-3)
    assert part.detail == {"distance_km": 111.2, "scale_km": 2 * ONE_DEGREE_KM}


def test_travel_without_a_limit_is_scaled_to_a_hundred_km():
    participant = make_participant(lat=65.0, lon=20.0, max_travel_km=None)
    part = part_of(Part.TRAVEL, participant, make_opening(lat=65.5, lon=20.0))
    assert part.value == pytest.approx(1 - ONE_DEGREE_KM / 2 / 100, abs=1e-3)


def test_travel_does_not_apply_without_a_location():
    part = part_of(Part.TRAVEL, make_participant(lat=None, lon=None), make_opening())
    assert part.value is None


@pytest.mark.parametrize(("trained", "expected"), [(True, 1.0), (False, 0.0)])
def test_a_trained_supervisor_scores_one(trained, expected):
    assert (
        part_of(Part.SUPERVISOR, make_participant(), make_opening(supervisor_trained=trained)).value
        == expected
    )


@pytest.mark.parametrize(
    ("municipalities", "industries", "expected", "detail"),
    [
        ({"2580"}, (), 1.0, {"municipality": True, "industry": None}),
        ({"2581"}, (), 0.0, {"municipality": False, "industry": None}),
        ({"2581"}, ("56",), 0.5, {"municipality": False, "industry": True}),
        (set(), ("47",), 0.0, {"municipality": None, "industry": False}),
        (set(), (), None, {"municipality": None, "industry": None}),
    ],
)
def test_preferences_score_the_share_of_stated_wishes_met(
    municipalities, industries, expected, detail
):
    participant = make_participant(
        preferred_municipalities=frozenset(municipalities), preferred_sni=industries
    )
    opening = make_opening(municipality_code="2580", sni=("56100",))
    part = part_of(Part.PREFERENCE, participant, opening)
    assert part.value == expected
    assert part.detail == detail


@pytest.mark.parametrize(
    ("opening_municipality", "opening_sni", "expected_score"),
    [
        # Both wishes met: preference 1; supervisor 0; (3·1 + 1·0) / 4.
        ("2581", ("5610",), 0.75),
        # The municipality only: preference 1/2; (3·0.5 + 1·0) / 4.
        ("2581", ("4711",), 0.375),
        ("2580", ("4711",), 0.0),
    ],
)
def test_stated_preferences_weigh_into_the_score_by_hand(
    opening_municipality, opening_sni, expected_score
):
    weights = Weights(interest=0, travel=0, supervisor=1, preference=3, fairness=0)
    participant = make_participant(
        preferred_municipalities=frozenset({"2581", "2582"}), preferred_sni=("56",)
    )
    opening = make_opening(municipality_code=opening_municipality, sni=opening_sni)
    explanation = Matcher([participant], [opening], weights).explain(1, 100)
    assert explanation.score == pytest.approx(expected_score)
    preference = next(p for p in explanation.parts if p.part == Part.PREFERENCE)
    assert preference.contribution == pytest.approx(expected_score, abs=1e-4)


@pytest.mark.parametrize(("placements", "expected"), [(0, 1.0), (1, 0.5), (3, 0.25)])
def test_fairness_favours_enterprises_with_fewer_trainees(placements, expected):
    opening = make_opening(enterprise_placements=placements)
    part = part_of(Part.FAIRNESS, make_participant(), opening)
    assert part.value == expected
    assert part.detail == {"enterprise_placements": placements}


def test_the_score_is_the_weighted_mean_of_the_parts():
    weights = Weights(interest=2, travel=0, supervisor=1, preference=0, fairness=0)
    participant = make_participant(interest_sni=("5610",))
    opening = make_opening(sni=("5621",), supervisor_trained=True)
    explanation = Matcher([participant], [opening], weights).explain(1, 100)
    assert explanation.score == pytest.approx((2 * 0.5 + 1 * 1.0) / 3)
    contributions = {p.part: p.contribution for p in explanation.parts}
    assert contributions[Part.INTEREST] == pytest.approx(1 / 3, abs=1e-4)
    assert contributions[Part.SUPERVISOR] == pytest.approx(1 / 3, abs=1e-4)
    assert contributions[Part.FAIRNESS] == 0


def test_a_part_that_does_not_apply_drops_out_with_its_weight():
    weights = Weights(interest=2, travel=0, supervisor=1, preference=0, fairness=0)
    explanation = Matcher(
        [make_participant()], [make_opening(supervisor_trained=True)], weights
    ).explain(1, 100)
    assert explanation.score == pytest.approx(1.0)


def test_when_no_weighted_part_applies_the_score_is_zero():
    weights = Weights(interest=1, travel=0, supervisor=0, preference=0, fairness=0)
    explanation = Matcher([make_participant()], [make_opening()], weights).explain(1, 100)
    assert explanation.score == 0


def test_contributions_add_up_to_the_score_with_default_weights():
    participant = make_participant(
        lat=65.0, lon=20.0, interest_sni=("47",), preferred_municipalities=frozenset({"2580"})
    )
    opening = make_opening(lat=65.2, lon=20.1, sni=("4711",), enterprise_placements=2)
    explanation = Matcher([participant], [opening]).explain(1, 100)
    assert 0 <= explanation.score <= 1
    assert sum(p.contribution for p in explanation.parts) == pytest.approx(
        explanation.score, abs=1e-3
    )
    assert [p.weight for p in explanation.parts] == [0.35, 0.25, 0.15, 0.15, 0.10]


@pytest.mark.parametrize(
    ("weights", "code", "part"),
    [
        ({"travel": -0.1}, "weight_negative", "travel"),
        ({"interest": math.nan}, "weight_not_a_number", "interest"),
        ({"fairness": math.inf}, "weight_not_a_number", "fairness"),
        (
            {"interest": 0, "travel": 0, "supervisor": 0, "preference": 0, "fairness": 0},
            "weights_all_zero",
            None,
        ),
    ],
)
def test_weights_that_make_no_sense_are_refused_with_a_code(weights, code, part):
    with pytest.raises(WeightsError) as error:
        Weights(**weights)
    assert error.value.code == code
    assert error.value.params.get("part") == part


def test_weights_need_not_add_up_to_one():
    assert Weights(interest=5, travel=5, supervisor=0, preference=0, fairness=0).travel == 5
