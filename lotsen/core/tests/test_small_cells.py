"""A table with totals hides its small cells and enough others that none can be worked out."""

import pytest

from lotsen.core.small_cells import suppress, suppress_table


def test_suppress_counts_a_cell_already_hidden_as_one_of_its_own():
    assert suppress([7, 9, 16], hidden=[1]) == {0, 1}
    assert suppress([7, 9, 16], hidden=[0, 1]) == {0, 1}


def lines_with_one_hidden_cell(rows, hidden) -> list[str]:
    """Rows and columns where the total minus the shown cells gives the hidden one back."""
    width, height = len(rows[0]), len(rows)
    return [
        f"row {r}" for r in range(height) if sum((r, c) in hidden for c in range(width)) == 1
    ] + [f"column {c}" for c in range(width) if sum((r, c) in hidden for r in range(height)) == 1]


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
    assert suppress_table(rows) == hidden
    assert not lines_with_one_hidden_cell(rows, hidden)


def test_a_cell_hidden_beforehand_takes_its_lines_with_it():
    # One row and its totals; the first column's total is hidden elsewhere. The 6 above
    # it would give it back, the 7 beside that the 6, and the second total the 7.
    rows = [[6, 7, 13], [6, 7, 13]]
    hidden = suppress_table(rows, hidden={(1, 0)})
    assert hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert not lines_with_one_hidden_cell(rows, hidden)
