"""Small cells: counts of people from 1 to 4 that could point at someone.

Every aggregate of people that leaves the coordinator hides such counts and
shows "<5" instead (DESIGN §3); 0 may be shown. `suppress` adds the second
(complementary) cell when one hidden count could be worked out by subtracting
the others from a total that is shown (decision 0101); `suppress_table` does so
along every row and column of a table with totals (decision 0024).
"""

from collections.abc import Iterable, Sequence

SMALL_CELL_LIMIT = 5
HIDDEN_TEXT = "<5"


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < SMALL_CELL_LIMIT


def suppress(counts: Sequence[int | None], hidden: Iterable[int] = ()) -> set[int]:
    """Indexes to hide among cells that add up to a total shown beside them.

    The small cells are hidden, as are those in `hidden` (already hidden for
    another reason); when exactly one is, the smallest other non-zero cell is
    hidden too, so the total minus the others no longer gives it away.
    """
    hidden = set(hidden) | {index for index, count in enumerate(counts) if is_small(count)}
    if len(hidden) == 1:
        others = sorted(
            (count, index) for index, count in enumerate(counts) if index not in hidden and count
        )
        hidden.update(index for _count, index in others[:1])
    return hidden


def suppress_table(
    rows: Sequence[Sequence[int]], hidden: Iterable[tuple[int, int]] = ()
) -> set[tuple[int, int]]:
    """(row, column) of the cells to hide in a table whose last row and column are totals.

    Each row and each column, its total included, is one sum: a cell hidden
    as the complement in one may be the only hidden cell of another, so the
    rule is applied along all of them until no line has exactly one hidden
    cell. A line whose only other non-zero cell is its total hides the total,
    since the total would equal the hidden cell. `hidden` are cells hidden
    already, such as a total hidden in another table that shows the same figure.
    """
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    lines += [[(r, c) for r in range(len(rows))] for c in range(len(rows[0]) if rows else 0)]
    hidden = set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            already = [index for index, cell in enumerate(line) if cell in hidden]
            found = {line[i] for i in suppress([rows[r][c] for r, c in line], already)}
            if not found <= hidden:
                hidden |= found
                changed = True
    return hidden
