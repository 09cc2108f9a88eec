"""Small cells: counts of people from 1 to 4 that could point at someone.

Every aggregate of people that leaves the coordinator hides such counts and
shows "<5" instead (DESIGN §3); 0 may be shown. `suppress` adds the second
(complementary) cell when one hidden count could be worked out by subtracting
the others from a total that is shown (decision 0101).
"""

from collections.abc import Sequence

SMALL_CELL_LIMIT = 5
HIDDEN_TEXT = "<5"


def is_small(count: int | None) -> bool:
    return count is not None and 0 < count < SMALL_CELL_LIMIT


def suppress(counts: Sequence[int | None]) -> set[int]:
    """Indexes to hide among cells that add up to a total shown beside them.

    The small cells are hidden; when exactly one is, the smallest other
    non-zero cell is hidden too, so the total minus the others no longer
    gives it away.
    """
    hidden = {index for index, count in enumerate(counts) if is_small(count)}
    if len(hidden) == 1:
        others = sorted(
            (count, index) for index, count in enumerate(counts) if index not in hidden and count
        )
        hidden.update(index for _count, index in others[:1])
    return hidden
