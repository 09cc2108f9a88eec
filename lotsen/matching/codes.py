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
