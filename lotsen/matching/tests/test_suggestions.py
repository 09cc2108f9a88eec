"""Ranked suggestions both ways, and the empty states."""

import json
from dataclasses import asdict

import pytest

from lotsen.matching.engine import Matcher, MatchingError, Status, Weights

from .factories import make_opening, make_participant


def test_openings_come_best_first_and_only_if_every_rule_passes():
    openings = [
        make_opening(id=1, enterprise_placements=3),  # fairness 0.25
        make_opening(id=2, enterprise_placements=0),  # fairness 1
        make_opening(id=3, enterprise_placements=1),  # fairness 0.5
        make_opening(id=4, is_open=False),
    ]
    weights = Weights(interest=0, travel=0, supervisor=0, preference=0, fairness=1)
    suggestions = Matcher([make_participant()], openings, weights).suggest_openings(1)
    assert [s.opening_id for s in suggestions] == [2, 3, 1]
    assert [s.score for s in suggestions] == [1.0, 0.5, 0.25]
    for suggestion in suggestions:
        assert suggestion.participant_id == 1
        assert suggestion.explanation.feasible
        assert suggestion.explanation.score == suggestion.score
        assert all(c.status != Status.FAILED for c in suggestion.explanation.rules)


def test_equal_scores_are_ordered_by_id_and_the_limit_holds():
    openings = [make_opening(id=i) for i in (7, 3, 9, 5, 1)]
    suggestions = Matcher([make_participant()], openings).suggest_openings(1, limit=3)
    assert [s.opening_id for s in suggestions] == [1, 3, 5]


def test_participants_for_an_opening_come_best_first():
    participants = [
        make_participant(id=1, interest_sni=("47",)),
        make_participant(id=2, interest_sni=("5610",)),
        make_participant(id=3, interest_sni=("56",), has_car=False),
        make_participant(id=4, interest_sni=("5610",), languages=frozenset({"fi"})),
    ]
    opening = make_opening(sni=("56100",), public_transport=False)
    weights = Weights(interest=1, travel=0, supervisor=0, preference=0, fairness=0)
    suggestions = Matcher(participants, [opening], weights).suggest_participants(100)
    # 3 has no car and the opening no bus; 4 shares no language.
    assert [(s.participant_id, s.score) for s in suggestions] == [(2, 1.0), (1, 0.0)]


def test_no_openings_gives_no_suggestions_and_no_error():
    matcher = Matcher([make_participant()], [])
    assert matcher.suggest_openings(1) == []
    result = matcher.assign()
    assert result.suggestions == ()
    assert result.unassigned == (1,)
    assert result.total_score == 0


def test_no_waiting_participants_gives_no_suggestions_and_no_error():
    matcher = Matcher([], [make_opening()])
    assert matcher.suggest_participants(100) == []
    assert matcher.assign().suggestions == ()
    assert matcher.assign("greedy").unassigned == ()


def test_no_feasible_opening_gives_an_empty_list():
    matcher = Matcher([make_participant(has_car=False)], [make_opening(public_transport=False)])
    assert matcher.suggest_openings(1) == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda m: m.suggest_openings(99), "unknown_participant"),
        (lambda m: m.suggest_participants(99), "unknown_opening"),
        (lambda m: m.explain(1, 99), "unknown_opening"),
    ],
)
def test_unknown_ids_are_refused_with_a_code(call, code):
    with pytest.raises(MatchingError) as error:
        call(Matcher([make_participant()], [make_opening()]))
    assert error.value.code == code
    assert error.value.params == {"id": 99}


def test_an_explanation_is_plain_data_the_app_can_store():
    participant = make_participant(interest_sni=("56",), interest_ssyk=("5120",))
    [suggestion] = Matcher([participant], [make_opening(sni=("5610",))]).suggest_openings(1)
    stored = json.loads(json.dumps(asdict(suggestion)))
    assert stored["explanation"]["rules"][0] == {"rule": "open", "status": "passed", "detail": {}}
    assert [part["part"] for part in stored["explanation"]["parts"]] == [
        "interest",
        "travel",
        "supervisor",
        "preference",
        "fairness",
    ]


@pytest.mark.parametrize("limit", [0, -3])
def test_a_limit_below_one_is_refused(limit):
    with pytest.raises(MatchingError) as error:
        Matcher([make_participant()], [make_opening()]).suggest_openings(1, limit=limit)
    assert error.value.code == "limit_not_positive"


def test_codes_may_come_as_lists():
    participant = make_participant(
        needed_adaptations=["quiet_place"], languages=["sv"], interest_sni=["56"]
    )
    opening = make_opening(adaptations=["quiet_place"], languages=["sv"], sni=["5610"])
    assert participant.needed_adaptations == frozenset({"quiet_place"})
    assert opening.sni == ("5610",)
    [suggestion] = Matcher([participant], [opening]).suggest_openings(1)
    assert suggestion.explanation.parts[0].value == 1.0
