"""Assign participants to openings: the exact optimum and a greedy baseline.

The problem: candidate pairs (participant, opening, score ≥ 0) that passed every hard
rule; each participant gets at most one opening, each opening at most its capacity;
maximise the total score. It is a transportation problem, so its linear relaxation has
integral optima, and it reduces exactly to a rectangular assignment problem:

- an opening with capacity c becomes c identical slots (never more than the number of
  participants who may take it, since more could never be filled);
- every participant gets a private "unassigned" slot, so a full matching always exists
  and leaving someone out is a choice the solver weighs, not an error;
- every edge weight is raised by 1, because the sparse solver treats weight 0 as "no
  edge" and every participant is matched exactly once, so the shift adds the same
  constant to every solution.

SciPy's ``min_weight_full_bipartite_matching`` (LAPJVsp, a shortest augmenting path
method) then finds the maximum exactly on the sparse graph, which is built in compressed
rows directly. See docs/decisions/0031-exact-batch-assignment.md and 0201.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

UNASSIGNED = -1


@dataclass(frozen=True)
class Candidates:
    """Feasible pairs as parallel arrays (each pair once), both sides' sizes, capacities.

    ``participant`` and ``opening`` are positions (0-based), not database ids.
    """

    participant: np.ndarray
    opening: np.ndarray
    score: np.ndarray
    capacity: np.ndarray
    participant_count: int

    @property
    def opening_count(self) -> int:
        return len(self.capacity)


def total_score(candidates: Candidates, choice: np.ndarray) -> float:
    """The total score of a choice (an opening index or UNASSIGNED per participant)."""
    lookup = dict(
        zip(
            zip(candidates.participant.tolist(), candidates.opening.tolist(), strict=True),
            candidates.score.tolist(),
            strict=True,
        )
    )
    return float(sum(lookup[(p, o)] for p, o in enumerate(choice.tolist()) if o != UNASSIGNED))


def solve_optimal(candidates: Candidates) -> np.ndarray:
    """The choice with the greatest total score (an opening index or UNASSIGNED each)."""
    choice = np.full(candidates.participant_count, UNASSIGNED, dtype=np.int64)
    if len(candidates.score) == 0:
        return choice
    people = candidates.participant_count
    interested = np.bincount(candidates.opening, minlength=candidates.opening_count)
    slots = np.minimum(np.maximum(candidates.capacity, 0), interested)
    first_slot = np.cumsum(slots) - slots
    slot_count = int(slots.sum())

    # The graph is built row by row in compressed form (CSR) directly: through
    # coordinates, SciPy's conversion and checks cost more than the solve at national
    # scale. Pairs in (participant, opening) order keep every row's columns sorted.
    person, opening, score = _in_row_order(candidates)
    repeats = slots[opening]  # one edge per (pair, slot of the pair's opening)
    edge_count = int(repeats.sum())
    row_edges = np.bincount(person, weights=repeats, minlength=people).astype(np.int64) + 1
    indptr = np.concatenate(([0], np.cumsum(row_edges)))
    # Each pair's first edge: after its row's earlier pairs' edges and the dummies above.
    pair_edges_before = np.cumsum(repeats) - repeats
    edge = np.arange(edge_count)
    position = edge + np.repeat(person, repeats)
    indices = np.empty(edge_count + people, np.int64)
    weights = np.empty(edge_count + people)
    indices[position] = np.repeat(first_slot[opening] - pair_edges_before, repeats) + edge
    weights[position] = np.repeat(score, repeats) + 1.0
    # Every participant's private "unassigned" slot closes its row.
    indices[indptr[1:] - 1] = slot_count + np.arange(people)
    weights[indptr[1:] - 1] = 1.0
    graph = sparse.csr_array((weights, indices, indptr), shape=(people, slot_count + people))
    matched_rows, matched_columns = min_weight_full_bipartite_matching(graph, maximize=True)

    slot_opening = np.repeat(np.arange(candidates.opening_count), slots)
    real = matched_columns < slot_count
    choice[matched_rows[real]] = slot_opening[matched_columns[real]]
    return choice


def _in_row_order(candidates: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs sorted by participant, then opening (as the matcher already gives them)."""
    key = candidates.participant * candidates.opening_count + candidates.opening
    if np.all(key[1:] > key[:-1]):
        return candidates.participant, candidates.opening, candidates.score
    order = np.argsort(key, kind="stable")
    return candidates.participant[order], candidates.opening[order], candidates.score[order]


def solve_greedy(candidates: Candidates) -> np.ndarray:
    """The baseline: take pairs best score first while both sides are still free."""
    choice = np.full(candidates.participant_count, UNASSIGNED, dtype=np.int64)
    left = np.maximum(candidates.capacity, 0).copy()
    order = np.lexsort((candidates.opening, candidates.participant, -candidates.score))
    participants = candidates.participant[order].tolist()
    openings = candidates.opening[order].tolist()
    for participant, opening in zip(participants, openings, strict=True):
        if choice[participant] == UNASSIGNED and left[opening] > 0:
            choice[participant] = opening
            left[opening] -= 1
    return choice


def upper_bound(candidates: Candidates) -> float:
    """The optimum of the linear relaxation, solved independently by HiGHS.

    Transportation problems have integral vertices, so this bound equals the optimum
    and a choice reaching it is proven optimal.
    """
    pair_count = len(candidates.score)
    if pair_count == 0:
        return 0.0
    pairs = np.arange(pair_count)
    per_participant = sparse.csr_array(
        (np.ones(pair_count), (candidates.participant, pairs)),
        shape=(candidates.participant_count, pair_count),
    )
    per_opening = sparse.csr_array(
        (np.ones(pair_count), (candidates.opening, pairs)),
        shape=(candidates.opening_count, pair_count),
    )
    result = linprog(
        -candidates.score,
        A_ub=sparse.vstack((per_participant, per_opening)),
        b_ub=np.concatenate(
            (np.ones(candidates.participant_count), np.maximum(candidates.capacity, 0))
        ),
        bounds=(0, 1),
        method="highs",
    )
    if result.status != 0:
        raise RuntimeError(f"HiGHS did not solve the relaxation: {result.message}")
    return float(-result.fun)
