"""A table with totals hides its small cells and enough others that none can be worked out;
each hidden cell says whether it is small ("<5") or only protects another ("..")."""

import pytest

from lotsen.core.small_cells import Hidden, protects_any, suppress, suppress_table

SMALL, PROTECTING = Hidden.SMALL, Hidden.PROTECTING


def test_a_small_cell_is_small_and_the_cell_hidden_beside_it_protects_it():
    # The case of the public statistics page: 54 from the parties beside 3 from elsewhere.
    assert suppress([54, 3, 0, 0]) == {1: SMALL, 0: PROTECTING}
    assert [str(reason) for reason in (SMALL, PROTECTING)] == ["<5", ".."]


def test_two_small_cells_protect_each_other_and_hide_nothing_else():
    assert suppress([54, 3, 2]) == {1: SMALL, 2: SMALL}
    assert suppress([54, 6, 9]) == {}


def test_suppress_counts_a_cell_already_hidden_as_one_of_its_own():
    assert suppress([7, 9, 16], hidden={1: PROTECTING}) == {1: PROTECTING, 0: PROTECTING}
    assert suppress([7, 9, 16], hidden={0: PROTECTING, 1: PROTECTING}) == {
        0: PROTECTING,
        1: PROTECTING,
    }


def test_a_small_cell_handed_in_as_protecting_is_still_small():
    assert suppress([3, 9, 12], hidden={0: PROTECTING}) == {0: SMALL, 1: PROTECTING}


def test_only_a_table_with_a_protecting_cell_needs_the_note():
    assert protects_any([None, SMALL, PROTECTING])
    assert not protects_any([None, SMALL, SMALL])


def lines_with_one_hidden_cell(rows, hidden) -> list[str]:
    """Rows and columns where the total minus the shown cells gives the hidden one back."""
    width, height = len(rows[0]), len(rows)
    return [
        f"row {r}" for r in range(height) if sum((r, c) in hidden for c in range(width)) == 1
    ] + [f"column {c}" for c in range(width) if sum((r, c) in hidden for r in range(height)) == 1]


def small_cells_of(rows) -> set[tuple[int, int]]:
    return {(r, c) for r, row in enumerate(rows) for c, count in enumerate(row) if 0 < count < 5}


@pytest.mark.parametrize(
    ("rows", "hidden"),
    [
        # Nothing small: nothing hidden.
        ([[6, 7, 13], [5, 9, 14], [11, 16, 27]], set()),
        # One small cell in a row: its row and column each take a second, which makes a square.
        (
            [[6, 2, 0, 8], [5, 7, 0, 12], [11, 9, 0, 20]],
            {(0, 0), (0, 1), (1, 0), (1, 1)},
        ),
        # The complement (6) is the only count in its row, so the row total goes too,
        # and the total column then needs a second hidden total.
        (
            [[3, 0, 3], [6, 0, 6], [9, 0, 9]],
            {(0, 0), (0, 2), (1, 0), (1, 2)},
        ),
        # A small row total hides its part; the total row then hides the other column's
        # total, which takes that column's count and, through its row, the row total.
        (
            [[3, 0, 3], [0, 8, 8], [3, 8, 11]],
            {(0, 0), (0, 2), (2, 0), (1, 1), (1, 2), (2, 1)},
        ),
    ],
)
def test_suppress_table_leaves_no_line_with_a_single_hidden_cell(rows, hidden):
    found = suppress_table(rows)
    assert set(found) == hidden
    assert not lines_with_one_hidden_cell(rows, found)
    # The small cells read "<5", every other hidden cell "..".
    assert {cell for cell, reason in found.items() if reason is SMALL} == small_cells_of(rows)


def test_the_follow_up_case_hides_men_with_consent_and_the_row_total_as_protecting():
    # With consent: 5 women, 14 men, 23 other, 42 in all; anonymous: 3 men.
    rows = [[5, 14, 23, 42], [0, 3, 0, 3], [5, 17, 23, 45]]
    assert suppress_table(rows) == {
        (1, 1): SMALL,
        (1, 3): SMALL,
        (0, 1): PROTECTING,
        (0, 3): PROTECTING,
    }


def test_a_cell_hidden_beforehand_takes_its_lines_with_it():
    # One row and its totals; the first column's total is hidden elsewhere. The 6 above
    # it would give it back, the 7 beside that the 6, and the second total the 7.
    rows = [[6, 7, 13], [6, 7, 13]]
    hidden = suppress_table(rows, hidden={(1, 0): PROTECTING})
    assert hidden == dict.fromkeys([(0, 0), (0, 1), (1, 0), (1, 1)], PROTECTING)
    assert not lines_with_one_hidden_cell(rows, hidden)
