"""Closeness of classification codes (SNI 2007, SSYK 2012) over their hierarchy.

Two codes are as close as the share of the hierarchy they have in common: the number of
levels on which their ancestor paths agree, divided by the depth of the shallower code.
So a code and any of its descendants score 1 (an interest in division 56 "food and
beverage service" is fully met by class 5610 "restaurants"), siblings score by how deep
their common parent is, and codes in different sections or major groups score 0.

Paths come from the reference CSV files in ``lotsen/core/data`` (a code and its parent
per row), so SNI divisions sit under their lettered section. A code the hierarchy does
not know is a path of its own and only matches itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import cast

import numpy as np

from lotsen.core.reference_data import read_rows

# Holder slots without a code carry this id; it never equals a real code's id.
NO_CODE = -1


class Hierarchy:
    """A classification as a parent map, answering each code's path from the top."""

    def __init__(self, parents: Mapping[str, str]) -> None:
        self._parents = dict(parents)
        self._paths: dict[str, tuple[str, ...]] = {}
        self._ids: dict[str, int] = {}
        self._id_paths: dict[str, tuple[int, ...]] = {}

    @classmethod
    def from_csv(cls, filename: str) -> Hierarchy:
        return cls({row["code"]: row["parent"] for row in read_rows(filename)})

    def path(self, code: str) -> tuple[str, ...]:
        if code not in self._paths:
            parent = self._parents.get(code, "")
            self._paths[code] = (*self.path(parent), code) if parent else (code,)
        return self._paths[code]

    def id_path(self, code: str) -> tuple[int, ...]:
        """The path as small integers, the same for the same code in every table."""
        if code not in self._id_paths:
            self._id_paths[code] = tuple(
                self._ids.setdefault(step, len(self._ids)) for step in self.path(code)
            )
        return self._id_paths[code]

    def similarity(self, a: str, b: str) -> float:
        """Closeness of two codes in [0, 1]; see the module docstring."""
        path_a, path_b = self.path(a), self.path(b)
        shared = 0
        for step_a, step_b in zip(path_a, path_b, strict=False):
            if step_a != step_b:
                break
            shared += 1
        return shared / min(len(path_a), len(path_b))

    def best_pair(self, codes_a: Iterable[str], codes_b: Iterable[str]) -> tuple[float, str, str]:
        """The closest pair of codes from two lists and its closeness (0 and "" when none)."""
        best = (0.0, "", "")
        for a in codes_a:
            for b in codes_b:
                value = self.similarity(a, b)
                if value > best[0]:
                    best = (value, a, b)
        return best


@cache
def sni_2007() -> Hierarchy:
    return Hierarchy.from_csv("sni2007.csv")


@cache
def ssyk_2012() -> Hierarchy:
    return Hierarchy.from_csv("ssyk2012.csv")


class CodeTable:
    """The codes of many holders (participants or openings) as arrays of ancestor ids.

    ``ids[h, k, level]`` is the id of the ancestor on ``level`` of holder h's k-th code
    (``NO_CODE`` past the code's depth or for an empty slot); ``depth[h, k]`` is the
    code's depth, 0 for an empty slot.
    """

    def __init__(self, hierarchy: Hierarchy, codes_per_holder: Sequence[Sequence[str]]) -> None:
        self._hierarchy = hierarchy
        self.distinct = sorted({code for codes in codes_per_holder for code in codes})
        position = {code: index for index, code in enumerate(self.distinct)}
        paths = [[hierarchy.id_path(code) for code in codes] for codes in codes_per_holder]
        width = max((len(holder) for holder in paths), default=0)
        levels = max((len(path) for holder in paths for path in holder), default=0)
        empty = (NO_CODE,) * levels
        self.ids = np.array(
            [
                [path + empty[len(path) :] for path in holder] + [empty] * (width - len(holder))
                for holder in paths
            ],
            dtype=np.int32,
        ).reshape(len(paths), width, levels)
        self.depth = np.array(
            [[len(path) for path in holder] + [0] * (width - len(holder)) for holder in paths],
            dtype=np.int8,
        ).reshape(len(paths), width)
        # NumPy types `any` as a scalar or an array; over an axis of a matrix it is an array.
        self.has_codes = cast(
            np.ndarray, self.depth.any(axis=1) if width else np.zeros(len(paths), dtype=bool)
        )
        # Each slot as a position in ``distinct``; an empty slot points one past its end.
        self.slots = np.array(
            [
                [position[code] for code in codes] + [len(self.distinct)] * (width - len(codes))
                for codes in codes_per_holder
            ],
            dtype=np.int64,
        ).reshape(len(paths), width)
        self._each_code: CodeTable | None = None

    def each_code(self) -> CodeTable:
        """The table's distinct codes as holders of one code each (built on first use)."""
        if self._each_code is None:
            self._each_code = CodeTable(self._hierarchy, [[code] for code in self.distinct])
        return self._each_code


def best_similarity(
    left: CodeTable, left_index: np.ndarray, right: CodeTable, right_index: np.ndarray
) -> np.ndarray:
    """Closeness of the best pair of codes for each (left, right) holder pair.

    The index arrays broadcast against each other: ``(P, 1)`` with ``(1, O)`` gives a
    ``(P, O)`` table, two ``(K,)`` arrays give K pairs. Holders without codes give 0.
    """
    shape = np.broadcast_shapes(left_index.shape, right_index.shape)
    levels = min(left.ids.shape[2], right.ids.shape[2])
    if levels == 0 or left.ids.shape[1] == 0 or right.ids.shape[1] == 0:
        return np.zeros(shape)
    a = left.ids[left_index][..., :, None, :levels]
    b = right.ids[right_index][..., None, :, :levels]
    shared = ((a == b) & (a != NO_CODE)).sum(axis=-1, dtype=np.int8)
    depth_a = left.depth[left_index][..., :, None]
    depth_b = right.depth[right_index][..., None, :]
    shallower = np.minimum(depth_a, depth_b)
    closeness = np.where(shallower > 0, shared / np.maximum(shallower, 1), 0.0)
    return closeness.max(axis=(-2, -1))


def code_closeness(left: CodeTable, right: CodeTable) -> np.ndarray:
    """``best_similarity`` of every distinct code of ``left`` to every one of ``right``.

    A ``(len(left.distinct) + 1, len(right.distinct) + 1)`` table whose last row and
    column, for empty slots, are 0: the closeness of two codes depends on nothing else,
    so every pair of holders is answered from it by lookups (``closeness_to_codes``,
    ``best_of_codes``) instead of a comparison per level of every pair of their codes.
    """
    mine, theirs = left.each_code(), right.each_code()
    table = best_similarity(
        mine, np.arange(len(mine.depth))[:, None], theirs, np.arange(len(theirs.depth))[None, :]
    )
    return np.pad(table, ((0, 1), (0, 1)))


def closeness_to_codes(
    closeness: np.ndarray, left: CodeTable, left_index: np.ndarray
) -> np.ndarray:
    """The best closeness of each holder in ``left_index`` (1-D) to each code of the right
    table of ``closeness`` (``code_closeness``); its last column, for empty slots, is 0."""
    if left.slots.shape[1] == 0:
        return np.zeros((len(left_index), closeness.shape[1]))
    best: np.ndarray = closeness[left.slots[left_index]].max(axis=1)
    return best


def best_of_codes(
    table: np.ndarray, rows: np.ndarray, right: CodeTable, right_index: np.ndarray
) -> np.ndarray:
    """The closeness of the pairs (``rows`` of a ``closeness_to_codes`` table, right holders).

    Equal to ``best_similarity`` of the same pairs: the best over both holders' codes is
    the best, over the right holder's codes, of each code's best over the left holder's.
    """
    best = np.zeros(len(rows))
    slots = right.slots[right_index]
    for slot in range(slots.shape[1]):
        np.maximum(best, table[rows, slots[:, slot]], out=best)
    return best
