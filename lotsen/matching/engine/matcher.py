"""The matcher: ranked suggestions both ways, explanations and the batch assignment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

from .. import assignment
from .contract import (
    BatchResult,
    Explanation,
    MatchingError,
    Opening,
    Participant,
    Suggestion,
    Weights,
)
from .evaluation import Pairs
from .explanations import explain_pair

# Participants evaluated together in the batch; bounds memory to a few tens of MB.
BATCH_BLOCK = 128


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise MatchingError("limit_not_positive", limit=limit)


class Matcher:
    """Waiting participants and openings, indexed once for fast matching both ways."""

    def __init__(
        self,
        participants: Sequence[Participant],
        openings: Sequence[Opening],
        weights: Weights | None = None,
    ) -> None:
        self.weights = weights if weights is not None else Weights()
        self.participants = tuple(participants)
        self.openings = tuple(openings)
        self._participant_index = self._index("participant", self.participants)
        self._opening_index = self._index("opening", self.openings)
        self._pairs = Pairs(self.participants, self.openings, self.weights)

    @staticmethod
    def _index(owner: str, holders: Sequence[Participant | Opening]) -> dict[int, int]:
        index = {holder.id: position for position, holder in enumerate(holders)}
        if len(index) != len(holders):
            raise MatchingError("duplicate_id", owner=owner)
        return index

    @property
    def participants_without_location(self) -> tuple[int, ...]:
        return tuple(p.id for p in self.participants if not p.has_location)

    def _suggestions(self, p: np.ndarray, o: np.ndarray) -> list[Suggestion]:
        """Explained suggestions for the pairs (p[k], o[k]), in the given order."""
        if len(p) == 0:
            return []
        evaluation = self._pairs.evaluate(p, o)
        return [
            Suggestion(
                self.participants[pi].id,
                self.openings[oi].id,
                float(evaluation.score[k]),
                explain_pair(self._pairs, evaluation, k, pi, oi),
            )
            for k, (pi, oi) in enumerate(zip(p.tolist(), o.tolist(), strict=True))
        ]

    def explain(self, participant_id: int, opening_id: int) -> Explanation:
        """Why a pair is or is not suggested, with every rule and score part."""
        p = np.array([self._participant_position(participant_id)])
        o = np.array([self._opening_position(opening_id)])
        return explain_pair(self._pairs, self._pairs.evaluate(p, o), 0, int(p[0]), int(o[0]))

    def _participant_position(self, participant_id: int) -> int:
        try:
            return self._participant_index[participant_id]
        except KeyError:
            raise MatchingError("unknown_participant", id=participant_id) from None

    def _opening_position(self, opening_id: int) -> int:
        try:
            return self._opening_index[opening_id]
        except KeyError:
            raise MatchingError("unknown_opening", id=opening_id) from None

    # -- ranked suggestions -------------------------------------------------------------

    @staticmethod
    def _best(score: np.ndarray, ids: np.ndarray, limit: int) -> np.ndarray:
        """Positions of the best scores, best first, ties by id."""
        candidates = np.arange(len(score))
        if len(candidates) > limit:
            # Everything scoring at least the limit-th best, so ties at the edge sort by id.
            threshold = np.partition(score[candidates], len(candidates) - limit)[
                len(candidates) - limit
            ]
            candidates = candidates[score[candidates] >= threshold]
        order = np.lexsort((ids[candidates], -score[candidates]))
        return candidates[order][:limit]

    def suggest_openings(self, participant_id: int, limit: int = 10) -> list[Suggestion]:
        """The best openings for one participant, every one passing every hard rule."""
        _check_limit(limit)
        p = np.array([self._participant_position(participant_id)])
        rules, distance = self._pairs.rules(p, np.arange(len(self.openings)))
        feasible = np.flatnonzero(self._pairs.feasible(rules))
        score = self._pairs.scored(p, feasible, distance[feasible])
        best = feasible[self._best(score, self._pairs.opening_ids[feasible], limit)]
        return self._suggestions(np.broadcast_to(p, best.shape), best)

    def suggest_participants(self, opening_id: int, limit: int = 10) -> list[Suggestion]:
        """The best waiting participants for one opening, every one passing every rule."""
        _check_limit(limit)
        o = np.array([self._opening_position(opening_id)])
        rules, distance = self._pairs.rules(np.arange(len(self.participants)), o)
        feasible = np.flatnonzero(self._pairs.feasible(rules))
        score = self._pairs.scored(feasible, o, distance[feasible])
        best = feasible[self._best(score, self._pairs.participant_ids[feasible], limit)]
        return self._suggestions(best, np.broadcast_to(o, best.shape))

    # -- batch assignment ---------------------------------------------------------------

    def candidates(self) -> assignment.Candidates:
        """Every feasible pair with its score, evaluated in blocks of participants."""
        found_p, found_o, found_score = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], []
        for start in range(0, len(self.participants), BATCH_BLOCK):
            block = np.arange(start, min(start + BATCH_BLOCK, len(self.participants)))
            pair_p, pair_o, score = self._pairs.feasible_pairs(block)
            found_p.append(pair_p)
            found_o.append(pair_o)
            found_score.append(score)
        return assignment.Candidates(
            participant=np.concatenate(found_p),
            opening=np.concatenate(found_o),
            score=np.concatenate([np.zeros(0), *found_score]),
            capacity=self._pairs.capacity_left.copy(),
            participant_count=len(self.participants),
        )

    def assign(
        self,
        method: Literal["optimal", "greedy"] = "optimal",
        candidates: assignment.Candidates | None = None,
    ) -> BatchResult:
        """Each waiting participant to at most one opening, maximising the total score.

        ``candidates`` from ``self.candidates()`` may be passed to reuse them across
        methods. Participants no opening may take stay unassigned.
        """
        if candidates is None:
            candidates = self.candidates()
        solve = assignment.solve_optimal if method == "optimal" else assignment.solve_greedy
        choice = solve(candidates)
        chosen = np.flatnonzero(choice != assignment.UNASSIGNED)
        suggestions = self._suggestions(chosen, choice[chosen])
        unassigned = tuple(
            self.participants[p].id for p in np.flatnonzero(choice == assignment.UNASSIGNED)
        )
        return BatchResult(
            method,
            tuple(suggestions),
            unassigned,
            float(sum(s.score for s in suggestions)),
        )
