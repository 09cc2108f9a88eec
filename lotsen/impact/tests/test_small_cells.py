"""Counts of 1–4 people never leave the coordinator ("<5"), and one hidden cell takes a
second, which reads ".." since it is hidden only to protect the first."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from lotsen.core.small_cells import Hidden, suppress
from lotsen.impact.indicators import (
    INDICATORS,
    REGION,
    RawRow,
    Row,
    change_text,
    compute_indicators,
    result_from,
)
from lotsen.impact.periods import Period


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


SMALL, PROTECTING = Hidden.SMALL, Hidden.PROTECTING


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([0, 7, 9], {}),
        ([3, 7, 9], {0: SMALL, 1: PROTECTING}),  # 3 alone could be had from the total
        ([3, 2, 9], {0: SMALL, 1: SMALL}),
        ([3, 0, 9], {0: SMALL, 2: PROTECTING}),  # a 0 reveals nothing: the next non-zero
        ([4], {0: SMALL}),
        ([5, 6], {}),
    ],
)
def test_suppress_hides_small_cells_and_a_complementary_one(counts, hidden):
    assert suppress(counts) == hidden


def _result(key, rows, show):
    return result_from(INDICATORS[key], rows, show_small_cells=show)


def test_a_count_of_people_from_1_to_4_is_hidden_unless_shown():
    raw = [RawRow("Started", [2, 12]), RawRow("Active", [0, 3]), RawRow("Ended", [9, 5])]
    hidden = _result("placements", raw, show=False).rows
    assert [(r.value, r.hidden, r.previous, r.previous_hidden) for r in hidden] == [
        (12, None, None, SMALL),
        (None, SMALL, 0, None),
        (5, None, 9, None),
    ]
    assert [r.value_text for r in hidden] == ["12", "<5", "5"]
    shown = _result("placements", raw, show=True).rows
    assert [r.value for r in shown] == [12, 3, 5]
    assert not any(r.hidden or r.previous_hidden for r in shown)


def test_a_partition_with_one_small_row_hides_a_second_row():
    raw = [RawRow(label, [0, value]) for label, value in zip("ABCD", [7, 2, 0, 11], strict=True)]
    result = _result("exit_outcomes", raw, show=False)
    assert [r.value_text for r in result.rows] == ["..", "<5", "0", "11"]
    assert result.protects


def test_two_small_rows_protect_each_other_and_need_no_note():
    raw = [RawRow(label, [0, value]) for label, value in zip("ABCD", [7, 2, 3, 11], strict=True)]
    result = _result("exit_outcomes", raw, show=False)
    assert [r.value_text for r in result.rows] == ["7", "<5", "<5", "11"]
    assert not result.protects


def test_a_share_resting_on_few_people_is_hidden_and_a_share_of_nobody_is_none():
    raw = [RawRow("Share", [None, Decimal("75.0")], bases=[0, 4])]
    row = _result("work_or_studies", raw, show=False).rows[0]
    assert (row.value, row.hidden, row.previous, row.previous_hidden) == (None, SMALL, None, None)
    # "<5" in per cent would read "under 5 %": a hidden share says it is hidden.
    assert (row.value_text, row.previous_text) == ("hidden", "–")


def test_a_share_that_would_give_back_a_small_group_protects_it():
    # 17 ended, one outcome group of 3: the share of 17 is hidden only to protect the 3.
    # The year before, 3 ended: that share rests on few people itself.
    raw = [
        RawRow(
            "Share",
            [Decimal("100.0"), Decimal("52.9")],
            bases=[3, 17],
            protects=[[3, 0, 0, 0, 0], [6, 3, 0, 0, 8]],
        )
    ]
    row = _result("work_or_studies", raw, show=False).rows[0]
    assert (row.hidden, row.previous_hidden) == (PROTECTING, SMALL)
    assert (row.value_text, row.previous_text) == ("..", "hidden")


def test_figures_that_are_not_people_are_never_hidden():
    raw = [RawRow("Requests received", [1, 2]), RawRow("Requests resolved", [0, 3])]
    rows = _result("support_requests", raw, show=False).rows
    assert [r.value for r in rows] == [2, 3]


@pytest.mark.parametrize(
    ("row", "unit", "text"),
    [
        (Row("x", 17, 12, None), "people", "Started rose from 12 to 17 (+42 %)."),
        (Row("x", 9, 12, None), "people", "Started fell from 12 to 9 (−25 %)."),
        (Row("x", 7, 0, None), "people", "Started rose from 0 to 7."),
        (Row("x", 7, 7, None), "people", "Started: unchanged at 7."),
        (Row("x", 7, None, None), "people", "Started: 7; no figure for the previous period."),
        (Row("x", None, 7, None), "people", "Started: no figure for this period."),
        (
            Row("x", None, 12, SMALL),
            "people",
            "Started: fewer than 5 in this or the previous period; no comparison shown.",
        ),
        (
            Row("x", 12, None, None, previous_hidden=SMALL),
            "people",
            "Started: fewer than 5 in this or the previous period; no comparison shown.",
        ),
        (
            Row("x", None, 12, PROTECTING),
            "people",
            "Started: hidden in this or the previous period so that a small group cannot be "
            "worked out; no comparison shown.",
        ),
        (
            Row("x", Decimal("55.0"), Decimal("40.0"), None),
            "percent",
            "Started rose from 40.0 % to 55.0 % (+15.0 percentage points).",
        ),
    ],
)
def test_the_change_text_says_what_changed_without_dividing_by_zero(row, unit, text):
    assert change_text("Started", unit, row) == text


def test_an_indicator_outside_its_scopes_says_it_is_not_applicable(db):
    from lotsen.impact.indicators import Scope

    results = compute_indicators(
        Period.year_of(2025), Scope(party_id=1), show_small_cells=False, keys=["events"]
    )
    assert results[0].applicable is False
    assert results[0].rows == []
    assert results[0].change_text == "Not applicable for this scope."


def test_compute_indicators_returns_the_asked_keys_in_order(db):
    results = compute_indicators(
        Period.year_of(2025), REGION, show_small_cells=False, keys=["referrals", "placements"]
    )
    assert [r.key for r in results] == ["referrals", "placements"]


def test_figures_shared_between_indicators_are_fetched_afresh_on_each_call(db):
    from lotsen.impact.tests.factories import episode, party

    referring = party()
    period = Period.year_of(2025)

    def ended() -> int:
        results = compute_indicators(
            period, REGION, show_small_cells=True, keys=["exit_outcomes", "work_or_studies"]
        )
        return sum(row.value for row in results[0].rows)

    assert ended() == 0
    episode(
        referring_party=referring,
        received=datetime.date(2025, 1, 1),
        started=datetime.date(2025, 2, 1),
        ended=datetime.date(2025, 3, 1),
        outcome="studies",
    )
    assert ended() == 1


def test_the_share_into_work_is_hidden_when_an_outcome_group_is(db):
    from lotsen.impact.tests.factories import episode, party

    referring = party()
    outcomes = ["studies"] * 6 + ["work_subsidised"] * 3 + ["drop_out"] * 8
    for outcome in outcomes:
        episode(
            referring_party=referring,
            received=datetime.date(2025, 1, 1),
            started=datetime.date(2025, 2, 1),
            ended=datetime.date(2025, 3, 1),
            outcome=outcome,
        )
    period = Period.year_of(2025)
    keys = ["placements", "work_or_studies"]
    hidden = compute_indicators(period, REGION, show_small_cells=False, keys=keys)
    # 17 ended are shown; 52.9 % of them would give work + studies = 9, and so work = 3.
    assert hidden[0].rows[2].value == 17
    assert hidden[1].rows[0].hidden is PROTECTING
    shown = compute_indicators(period, REGION, show_small_cells=True, keys=keys)
    assert shown[1].rows[0].value == Decimal("52.9")
