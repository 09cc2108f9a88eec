"""Small cells: counts of people from 1 to 4 that could point at someone.

Every aggregate of people that leaves the coordinator hides such counts and
shows "<5" instead (DESIGN §3); 0 may be shown. `suppress` adds the second
(complementary) cell when one hidden count could be worked out by subtracting
the others from a total that is shown (decision 0101); `suppress_table` does so
along every row and column of a table with totals (decision 0024).

A hidden cell knows why it is hidden (`Hidden`): a small one reads "<5", one
hidden only to protect another reads "..", as in official statistics, and the
table it stands in carries `PROTECTING_NOTE` beneath it (decision 0154).
"""

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum

from django.utils.translation import gettext_lazy

SMALL_CELL_LIMIT = 5


class Hidden(StrEnum):
    """Why a cell is hidden; its value is the mark printed in the cell's place."""

    SMALL = "<5"  # a count of 1–4, or a share, mean or median resting on 1–4 people
    PROTECTING = ".."  # not small itself: hidden so that a small one cannot be worked out


PROTECTING_NOTE = gettext_lazy(
    ".. = not shown, so that a small group cannot be worked out from the other figures."
)


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < SMALL_CELL_LIMIT


def hidden_if_small(count: int | None) -> Hidden | None:
    return Hidden.SMALL if is_small(count) else None


def protects_any(reasons: Iterable[Hidden | None]) -> bool:
    """Whether a table with these cells needs PROTECTING_NOTE beneath it."""
    return Hidden.PROTECTING in set(reasons)


def suppress(
    counts: Sequence[int | None], hidden: Mapping[int, Hidden] | None = None
) -> dict[int, Hidden]:
    """Index → reason of the cells to hide among cells that add up to a total shown beside them.

    The small cells are hidden, as are those in `hidden` (already hidden for
    another reason, which they keep unless they are small); when exactly one is,
    the smallest other non-zero cell is hidden too, to protect it, so the total
    minus the others no longer gives it away.
    """
    found = dict(hidden or {})
    found.update((index, Hidden.SMALL) for index, count in enumerate(counts) if is_small(count))
    if len(found) == 1:
        others = sorted(
            (count, index) for index, count in enumerate(counts) if index not in found and count
        )
        found.update((index, Hidden.PROTECTING) for _count, index in others[:1])
    return found


def suppress_table(
    rows: Sequence[Sequence[int]], hidden: Mapping[tuple[int, int], Hidden] | None = None
) -> dict[tuple[int, int], Hidden]:
    """(row, column) → reason of the cells to hide in a table whose last row and column are totals.

    Each row and each column, its total included, is one sum: a cell hidden
    as the complement in one may be the only hidden cell of another, so the
    rule is applied along all of them until no line has exactly one hidden
    cell. A line whose only other non-zero cell is its total hides the total,
    since the total would equal the hidden cell. `hidden` are cells hidden
    already, such as a total hidden in another table that shows the same figure.
    """
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    lines += [[(r, c) for r in range(len(rows))] for c in range(len(rows[0]) if rows else 0)]
    found = dict(hidden or {})
    changed = True
    while changed:
        changed = False
        for line in lines:
            already = {i: found[cell] for i, cell in enumerate(line) if cell in found}
            for i, reason in suppress([rows[r][c] for r, c in line], already).items():
                if found.get(line[i]) is not reason:
                    found[line[i]] = reason
                    changed = True
    return found
