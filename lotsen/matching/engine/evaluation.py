"""Every hard rule and score part for many pairs at once, over arrays built once.

The participants and openings become NumPy arrays (sets as bitsets, codes as code
tables), so a question about one participant, one opening or a block of the batch is
a few vectorised operations over index arrays that broadcast together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from .. import codes
from .contract import Opening, Part, Participant, Rule, Weights

EARTH_RADIUS_KM = 6371.0088
# Scale of the travel score for a participant who stated no travel limit.
TRAVEL_HORIZON_KM = 100.0


def unit_vectors(coordinates: np.ndarray) -> np.ndarray:
    """Points on the unit sphere for (lat, lon) rows in degrees; NaN rows stay NaN."""
    lat, lon = np.radians(coordinates[:, 0]), np.radians(coordinates[:, 1])
    return np.stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)), axis=-1)


def great_circle_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distance between unit vectors (broadcasting over leading axes).

    The same distance as the haversine formula, via the chord between the points:
    2R·asin(|a − b| / 2). One square root and one arcsine per pair instead of
    several sines, which matters over 20,000 openings; accurate to well under a metre.
    """
    chord_squared = np.maximum(2.0 - 2.0 * (a * b).sum(axis=-1), 0.0)
    distance: np.ndarray = (
        2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.sqrt(chord_squared) / 2, 1.0))
    )
    return distance


def _vocabulary(*groups: Iterable[Iterable[str]]) -> dict[str, int]:
    words = sorted({word for group in groups for item in group for word in item})
    return {word: position for position, word in enumerate(words)}


def _membership(items: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> np.ndarray:
    table = np.zeros((len(items), len(vocabulary)), dtype=bool)
    for row, item in enumerate(items):
        table[row, [vocabulary[word] for word in item]] = True
    return table


def _bitsets(items: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Each set as bits in 64-bit words, so set tests are a few integer operations.

    A vocabulary of at most 8, 16 or 32 codes fits one integer of that many bits, so
    the batch's tables of pairs move a fraction of the memory.
    """
    words = max(1, -(-len(vocabulary) // 64))
    dtype = next(
        (
            kind
            for kind in (np.uint8, np.uint16, np.uint32)
            if len(vocabulary) <= 8 * kind().itemsize
        ),
        np.uint64,
    )
    masks: dict[frozenset[str], list[int]] = {}
    for item in set(items):
        mask = sum(1 << vocabulary[word] for word in item)
        masks[item] = [(mask >> (64 * w)) & 0xFFFF_FFFF_FFFF_FFFF for w in range(words)]
    return np.array([masks[item] for item in items], dtype=dtype).reshape(len(items), words)


def _intersect(a: np.ndarray, p: np.ndarray, b: np.ndarray, o: np.ndarray) -> np.ndarray:
    """Whether the bitsets ``a[p]`` and ``b[o]`` share a bit, word by word (usually one)."""
    shared: np.ndarray = (a[p, 0] & b[o, 0]) != 0
    for word in range(1, a.shape[1]):
        shared |= (a[p, word] & b[o, word]) != 0
    return shared


def _coordinates(holders: Sequence[Participant] | Sequence[Opening]) -> np.ndarray:
    return np.array(
        [(h.lat, h.lon) if h.lat is not None else (np.nan, np.nan) for h in holders],
        dtype=float,
    ).reshape(len(holders), 2)


# The rules that make an opening usable in the batch at all (``Pairs.feasible_pairs``).
_USABLE = (Rule.OPEN, Rule.CAPACITY)


@dataclass
class Evaluation:
    """Every rule and part for a broadcast set of pairs (arrays of one shape)."""

    rules: dict[Rule, np.ndarray]
    distance_km: np.ndarray  # NaN where a location is unknown
    parts: dict[Part, np.ndarray]  # NaN where the part does not apply
    feasible: np.ndarray
    score: np.ndarray


class Pairs:
    """Participants and openings as arrays, indexed by their positions in the sequences."""

    def __init__(
        self,
        participants: tuple[Participant, ...],
        openings: tuple[Opening, ...],
        weights: Weights,
    ) -> None:
        self.participants, self.openings, self.weights = participants, openings, weights
        people, places = participants, openings

        adaptations = _vocabulary(
            (p.needed_adaptations for p in people), (o.adaptations for o in places)
        )
        languages = _vocabulary((p.languages for p in people), (o.languages for o in places))
        municipalities = _vocabulary(
            (p.preferred_municipalities for p in people), ([o.municipality_code] for o in places)
        )
        sni, ssyk = codes.sni_2007(), codes.ssyk_2012()

        self._p_place = unit_vectors(_coordinates(people))
        self._p_hours = np.array([(p.hours_min, p.hours_max) for p in people], float).reshape(-1, 2)
        self._p_needs = _bitsets([p.needed_adaptations for p in people], adaptations)
        self._p_languages = _bitsets([p.languages for p in people], languages)
        self._p_needs_language = np.array([p.needs_common_language for p in people], bool)
        self._p_car = np.array([p.has_car for p in people], bool)
        self._p_limit = np.array(
            [math.inf if p.max_travel_km is None else p.max_travel_km for p in people], float
        )
        # A zero limit still lets a place at the very same point score fully.
        self.travel_scale = np.where(
            np.isfinite(self._p_limit), np.maximum(self._p_limit, 0.1), TRAVEL_HORIZON_KM
        )
        self._p_interest_sni = codes.CodeTable(sni, [p.interest_sni for p in people])
        self._p_interest_ssyk = codes.CodeTable(ssyk, [p.interest_ssyk for p in people])
        self._p_municipalities = _membership(
            [p.preferred_municipalities for p in people], municipalities
        )
        self._p_preferred_sni = codes.CodeTable(sni, [p.preferred_sni for p in people])

        self._o_place = unit_vectors(_coordinates(places))
        self._o_hours = np.array([(o.hours_min, o.hours_max) for o in places], float).reshape(-1, 2)
        self.capacity_left = np.array([o.capacity_left for o in places], np.int64)
        self._o_open = np.array([o.is_open for o in places], bool)
        self._o_lacks = ~_bitsets([o.adaptations for o in places], adaptations)
        self._o_languages = _bitsets([o.languages for o in places], languages)
        self._o_transit = np.array([o.public_transport for o in places], bool)
        self._o_trained = np.array([o.supervisor_trained for o in places], float)
        self._o_sni = codes.CodeTable(sni, [o.sni for o in places])
        self._o_ssyk = codes.CodeTable(ssyk, [o.ssyk for o in places])
        self._o_municipality = np.array(
            [municipalities[o.municipality_code] for o in places], np.int64
        )
        self._o_fairness = 1.0 / (1.0 + np.array([o.enterprise_placements for o in places], float))
        # The code closeness each score part needs: (participant's codes, opening's codes).
        self._code_kinds = (
            (self._p_interest_sni, self._o_sni),
            (self._p_interest_ssyk, self._o_ssyk),
            (self._p_preferred_sni, self._o_sni),
        )
        self._code_closeness = [codes.code_closeness(*kind) for kind in self._code_kinds]
        # The batch's screen (``feasible_pairs``): only openings that are open with room,
        # and a bound on the unit vectors' dot product, cos(limit / R), that every pair
        # within a participant's limit meets. A fourth coordinate lets a pair without a
        # location always pass: 2 for an opening without one, a bound of -inf for a
        # participant without one or without a limit. The margin covers rounding.
        self._o_usable = np.flatnonzero(self._o_open & (self.capacity_left > 0))
        p_known, o_known = ~np.isnan(self._p_place[:, 0]), ~np.isnan(self._o_place[:, 0])
        self._p_screen = np.column_stack((np.nan_to_num(self._p_place), np.ones(len(people))))
        self._o_screen = np.column_stack((np.nan_to_num(self._o_place), np.where(o_known, 0, 2.0)))[
            self._o_usable
        ].T.copy()
        angle = self._p_limit / EARTH_RADIUS_KM
        self._p_screen_bound = np.where(
            p_known & (angle < math.pi), np.cos(np.minimum(angle, math.pi)) - 1e-9, -np.inf
        )
        # Each part's weight, looked up once: an explanation asks for them many times.
        self.weight_of = {part: self.weights.of(part) for part in Part}
        self.participant_ids = np.array([p.id for p in people], np.int64)
        self.opening_ids = np.array([o.id for o in places], np.int64)

    def rules(self, p: np.ndarray, o: np.ndarray) -> tuple[dict[Rule, np.ndarray], np.ndarray]:
        """Every hard rule and the distance (NaN when unknown) for the pairs (p, o).

        ``p`` and ``o`` are index arrays that broadcast together: ``(P, 1)`` with
        ``(1, O)`` gives a table, two ``(K,)`` arrays give K pairs.
        """
        distance = great_circle_km(self._p_place[p], self._o_place[o])
        local = self._local_rules(p, o)
        # NaN compares False, so an unknown distance never fails the limit.
        local[Rule.DISTANCE] = ~(distance > self._p_limit[p])
        return {rule: local[rule] for rule in Rule}, distance

    def _local_rules(self, p: np.ndarray, o: np.ndarray) -> dict[Rule, np.ndarray]:
        """Every hard rule but the distance, for index arrays that broadcast together."""
        shape = np.broadcast_shapes(p.shape, o.shape)
        hours_p, hours_o = self._p_hours[p], self._o_hours[o]
        return {
            Rule.OPEN: np.broadcast_to(self._o_open[o], shape),
            Rule.CAPACITY: np.broadcast_to(self.capacity_left[o] > 0, shape),
            Rule.HOURS: (hours_p[..., 0] <= hours_o[..., 1]) & (hours_o[..., 0] <= hours_p[..., 1]),
            Rule.ADAPTATIONS: ~_intersect(self._p_needs, p, self._o_lacks, o),
            Rule.TRANSPORT: self._p_car[p] | self._o_transit[o],
            Rule.LANGUAGE: ~self._p_needs_language[p]
            | _intersect(self._p_languages, p, self._o_languages, o),
        }

    def feasible_pairs(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every feasible pair of the participants ``p`` (1-D) with any opening, and its score.

        The same pairs and scores as ``rules`` and ``scored`` over the whole table, found
        faster: the rules but the distance are checked over the table, the distance
        first through a bound on the dot product of the unit vectors (a matrix product)
        that never drops a pair within the limit, and computed exactly only for the
        pairs that pass. Returns participant positions, opening positions and scores.
        """
        usable = self._o_usable
        # Every usable opening is open with room: those two rules need no table.
        local = self._local_rules(p[:, None], usable[None, :])
        table = self.feasible({rule: local[rule] for rule in local if rule not in _USABLE})
        table &= self._p_screen[p] @ self._o_screen >= self._p_screen_bound[p, None]
        found = np.flatnonzero(table)
        rows, columns = found // len(usable), found % len(usable)
        pair_p, pair_o = p[rows], usable[columns]
        distance = great_circle_km(self._p_place[pair_p], self._o_place[pair_o])
        within = ~(distance > self._p_limit[pair_p])
        rows, pair_p, pair_o, distance = (
            rows[within],
            pair_p[within],
            pair_o[within],
            distance[within],
        )
        closeness = tuple(
            codes.best_of_codes(codes.closeness_to_codes(of_codes, mine, p), rows, theirs, pair_o)
            for (mine, theirs), of_codes in zip(self._code_kinds, self._code_closeness, strict=True)
        )
        return pair_p, pair_o, self._score(self._parts(pair_p, pair_o, distance, closeness))

    @staticmethod
    def feasible(rules: dict[Rule, np.ndarray]) -> np.ndarray:
        passed = iter(rules.values())
        feasible = next(passed).copy()
        for rule in passed:
            feasible &= rule
        return feasible

    def _parts(
        self,
        p: np.ndarray,
        o: np.ndarray,
        distance: np.ndarray,
        closeness: tuple[np.ndarray, ...] | None = None,
    ) -> dict[Part, np.ndarray]:
        """Every score part for the pairs (p, o); NaN where a part does not apply.

        ``closeness``: the pairs' ``best_similarity`` for each of ``_code_kinds``, when
        the caller found them faster; computed here otherwise.
        """
        shape = distance.shape
        if closeness is None:
            closeness = tuple(
                codes.best_similarity(mine, p, theirs, o) for mine, theirs in self._code_kinds
            )
        interest_sni, interest_ssyk, preferred_sni = closeness
        return {
            Part.INTEREST: self._interest(p, shape, interest_sni, interest_ssyk),
            Part.TRAVEL: np.clip(1.0 - distance / self.travel_scale[p], 0.0, 1.0),
            Part.SUPERVISOR: np.broadcast_to(self._o_trained[o], shape),
            Part.PREFERENCE: self._preference(p, o, shape, preferred_sni),
            Part.FAIRNESS: np.broadcast_to(self._o_fairness[o], shape),
        }

    def _score(self, parts: dict[Part, np.ndarray]) -> np.ndarray:
        """The weighted mean of the parts that apply, in [0, 1].

        Summed part by part rather than by a matrix product, whose rounding depends on
        the shape: a pair scores the same to the last bit alone (an explanation), among
        one participant's openings (suggestions) or in the batch.
        """
        shape = parts[Part.FAIRNESS].shape
        weighted, total_weight = np.zeros(shape), np.zeros(shape)
        for part, weight in self.weight_of.items():
            applies = ~np.isnan(parts[part])
            weighted += np.where(applies, parts[part], 0.0) * weight
            total_weight += applies * weight
        score: np.ndarray = np.divide(
            weighted, total_weight, out=np.zeros(weighted.shape), where=total_weight > 0
        )
        return score.clip(0.0, 1.0)

    def scored(self, p: np.ndarray, o: np.ndarray, distance: np.ndarray) -> np.ndarray:
        return self._score(self._parts(p, o, distance))

    def evaluate(self, p: np.ndarray, o: np.ndarray) -> Evaluation:
        """Rules, parts and score of the pairs (p[k], o[k]), for explanations."""
        rules, distance = self.rules(p, o)
        parts = self._parts(p, o, distance)
        return Evaluation(rules, distance, parts, self.feasible(rules), self._score(parts))

    def _interest(
        self, p: np.ndarray, shape: tuple[int, ...], sni: np.ndarray, ssyk: np.ndarray
    ) -> np.ndarray:
        total, stated = np.zeros(shape), np.zeros(shape)
        for interests, closeness in ((self._p_interest_sni, sni), (self._p_interest_ssyk, ssyk)):
            has = np.broadcast_to(interests.has_codes[p], shape)
            total += np.where(has, closeness, 0.0)
            stated += has
        interest: np.ndarray = np.divide(
            total, stated, out=np.full(shape, np.nan), where=stated > 0
        )
        return interest

    def _preference(
        self, p: np.ndarray, o: np.ndarray, shape: tuple[int, ...], industry: np.ndarray
    ) -> np.ndarray:
        # NumPy types `any` as a scalar or an array; over an axis of a matrix it is an array.
        wants_any_place = cast(np.ndarray, self._p_municipalities.any(axis=1))
        wants_place = np.broadcast_to(wants_any_place[p], shape)
        wants_industry = np.broadcast_to(self._p_preferred_sni.has_codes[p], shape)
        place_met = self._p_municipalities[p, self._o_municipality[o]]
        industry_met = industry == 1.0
        met = (wants_place & place_met).astype(float) + (wants_industry & industry_met)
        stated = wants_place.astype(float) + wants_industry
        preference: np.ndarray = np.divide(
            met, stated, out=np.full(shape, np.nan), where=stated > 0
        )
        return preference
