"""The matching engine: explained, ranked suggestions and an optimal batch assignment.

Plain Python, NumPy and SciPy; nothing here imports Django. The matching app loads
candidates from the database, turns them into the dataclasses below and renders what
comes back. Wording stays out of the engine: every rule, score part and notice is a
code (``Rule``, ``Part``, ``Notice``, ``MatchingError.code``) for the app to translate.

Data contract
=============

``Participant`` — one person waiting for matching.
    ``id``: the participant's primary key.
    ``lat``/``lon``: degrees (WGS 84) of the home address, or of the home
    municipality's centroid when there is no address; both ``None`` when neither is
    known. Such a participant is matched without the distance rule and the travel score,
    and every suggestion for them carries ``Notice.LOCATION_UNKNOWN``.
    ``hours_min``/``hours_max``: the hours per week the person can work, as a range;
    one exact figure is given as ``hours_min == hours_max``.
    ``needed_adaptations``: adaptation codes (the coded list shared with openings).
    ``languages``: language codes (ISO 639-1) the person speaks;
    ``needs_common_language``: whether a language in common with the workplace is
    required.
    ``has_car``: the person has both a driving licence and a car at their disposal.
    ``max_travel_km``: how far the person can travel one way, straight-line km;
    ``None`` when no limit was stated.
    ``interest_sni``/``interest_ssyk``: interests as SNI 2007 / SSYK 2012 codes at any
    level of the hierarchy.
    ``preferred_municipalities``: municipality codes (SCB, four digits) the person would
    rather work in; ``preferred_sni``: industries (SNI codes) they asked for.

``Opening`` — one work-training place (arbetsträningsplats).
    ``id``, ``enterprise_id``: primary keys.
    ``lat``/``lon``: the workplace address, or its municipality's centroid (``None``
    only if neither is known: such pairs are treated as a participant without location).
    ``municipality_code``: SCB code of the workplace's municipality.
    ``hours_min``/``hours_max``: the hours per week the place offers.
    ``capacity_left``: participants it can still take (capacity minus proposed, agreed
    and active placements).
    ``is_open``: status is open (not paused or closed).
    ``adaptations``, ``languages``: codes available at the workplace.
    ``public_transport``: reachable by public transport.
    ``supervisor_trained``: a supervisor (handledare) has taken supervisor training.
    ``sni``/``ssyk``: the opening's industry and occupation codes.
    ``enterprise_placements``: current (agreed or active) placements at the whole
    enterprise; used to spread trainees between enterprises.

``Weights`` — the coordinator's weights of the five score parts; refused with a
``WeightsError`` when one is negative or not a number, or all are zero.

Hard rules (all must pass; ``Rule``)
    open; capacity left ≥ 1; hour ranges overlap; every needed adaptation available;
    haversine distance ≤ ``max_travel_km`` (not applicable without coordinates or
    without a limit); a car, or an opening reachable by public transport; a language in
    common when needed.

Soft score in [0, 1] (``Part``)
    interest (closeness of SNI and SSYK codes, see ``codes``; the mean over the kinds of
    interest the participant stated), travel (1 − distance / the participant's limit, or
    / ``TRAVEL_HORIZON_KM`` without a limit), trained supervisor (1 or 0), preferences
    (share of the stated kinds met: municipality, industry), fairness
    (1 / (1 + enterprise placements)). The score is the weighted mean over the parts
    that apply to the pair; a part that does not apply (no interests stated, no
    location, no preferences) drops out with its weight instead of counting as 0.

Results
    ``Matcher.suggest_openings`` / ``suggest_participants`` → ranked ``Suggestion``s
    (best first, ties by id), each with an ``Explanation``: every rule as a
    ``RuleCheck`` and every part as a ``ScorePart`` with value, weight and contribution,
    plus ``notices``. ``Matcher.explain`` explains any pair, failed rules included.
    ``Matcher.assign`` → ``BatchResult`` (optimal, or greedy for comparison).
    Every detail value is JSON-serialisable, so an explanation can be stored as is.

Cost
    Building a ``Matcher`` is linear Python work (about half a second for 5,000
    participants and 22,000 openings); each question after that is vectorised NumPy
    (milliseconds). Build one over all waiting participants and open openings, reuse it
    for suggestions both ways and the batch, and rebuild when the data changes.
    Set fields accept lists and tuple fields accept lists, as querysets give them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal, cast

import numpy as np

from . import assignment, codes

EARTH_RADIUS_KM = 6371.0088
# Scale of the travel score for a participant who stated no travel limit.
TRAVEL_HORIZON_KM = 100.0
# Participants evaluated together in the batch; bounds memory to a few tens of MB.
BATCH_BLOCK = 128


class Rule(StrEnum):
    OPEN = "open"
    CAPACITY = "capacity"
    HOURS = "hours"
    ADAPTATIONS = "adaptations"
    DISTANCE = "distance"
    TRANSPORT = "transport"
    LANGUAGE = "language"


class Part(StrEnum):
    INTEREST = "interest"
    TRAVEL = "travel"
    SUPERVISOR = "supervisor"
    PREFERENCE = "preference"
    FAIRNESS = "fairness"


class Notice(StrEnum):
    LOCATION_UNKNOWN = "location_unknown"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"


class MatchingError(ValueError):
    """Input the engine refuses; ``code`` and ``params`` let the app word the message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(f"{code}: {params}" if params else code)
        self.code = code
        self.params = params


class WeightsError(MatchingError):
    pass


def _as_code_collections(holder: Participant | Opening) -> None:
    """Accept any iterable of codes (lists from a queryset) for the set and tuple fields."""
    for name in holder.__dataclass_fields__:
        value = getattr(holder, name)
        if isinstance(value, (set, list, frozenset, tuple)):
            kind = frozenset if name in _SET_FIELDS else tuple
            object.__setattr__(holder, name, kind(value))


_SET_FIELDS = {"needed_adaptations", "languages", "preferred_municipalities", "adaptations"}


def _check_place(owner: str, owner_id: int, lat: float | None, lon: float | None) -> None:
    if (lat is None) != (lon is None):
        raise MatchingError("coordinates_incomplete", owner=owner, id=owner_id)
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise MatchingError("coordinates_out_of_range", owner=owner, id=owner_id)


def _check_hours(owner: str, owner_id: int, hours_min: float, hours_max: float) -> None:
    if not 0 <= hours_min <= hours_max:
        raise MatchingError("hours_range", owner=owner, id=owner_id)


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    lat: float | None
    lon: float | None
    hours_min: float
    hours_max: float
    needed_adaptations: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    needs_common_language: bool = False
    has_car: bool = False
    max_travel_km: float | None = None
    interest_sni: tuple[str, ...] = ()
    interest_ssyk: tuple[str, ...] = ()
    preferred_municipalities: frozenset[str] = frozenset()
    preferred_sni: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _as_code_collections(self)
        _check_place("participant", self.id, self.lat, self.lon)
        _check_hours("participant", self.id, self.hours_min, self.hours_max)
        if self.max_travel_km is not None and not self.max_travel_km >= 0:
            raise MatchingError("travel_limit", owner="participant", id=self.id)

    @property
    def has_location(self) -> bool:
        return self.lat is not None


@dataclass(frozen=True, slots=True)
class Opening:
    id: int
    enterprise_id: int
    lat: float | None
    lon: float | None
    municipality_code: str
    hours_min: float
    hours_max: float
    capacity_left: int
    is_open: bool = True
    adaptations: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    public_transport: bool = False
    supervisor_trained: bool = False
    sni: tuple[str, ...] = ()
    ssyk: tuple[str, ...] = ()
    enterprise_placements: int = 0

    def __post_init__(self) -> None:
        _as_code_collections(self)
        _check_place("opening", self.id, self.lat, self.lon)
        _check_hours("opening", self.id, self.hours_min, self.hours_max)
        if self.enterprise_placements < 0:
            raise MatchingError("placements_negative", owner="opening", id=self.id)


@dataclass(frozen=True, slots=True)
class Weights:
    interest: float = 0.35
    travel: float = 0.25
    supervisor: float = 0.15
    preference: float = 0.15
    fairness: float = 0.10

    def __post_init__(self) -> None:
        for weight in fields(self):
            value = getattr(self, weight.name)
            if not math.isfinite(value):
                raise WeightsError("weight_not_a_number", part=weight.name)
            if value < 0:
                raise WeightsError("weight_negative", part=weight.name)
        if not any(getattr(self, weight.name) for weight in fields(self)):
            raise WeightsError("weights_all_zero")

    def of(self, part: Part) -> float:
        weight: float = getattr(self, part.value)
        return weight


@dataclass(frozen=True, slots=True)
class RuleCheck:
    rule: Rule
    status: Status
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScorePart:
    part: Part
    value: float | None  # None: the part does not apply to this pair
    weight: float
    contribution: float  # this part's share of the final score
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Explanation:
    feasible: bool
    score: float
    rules: tuple[RuleCheck, ...]
    parts: tuple[ScorePart, ...]
    notices: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    participant_id: int
    opening_id: int
    score: float
    explanation: Explanation


@dataclass(frozen=True, slots=True)
class BatchResult:
    method: Literal["optimal", "greedy"]
    suggestions: tuple[Suggestion, ...]
    unassigned: tuple[int, ...]  # participant ids left without an opening
    total_score: float


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


def _check_limit(limit: int) -> None:
    if limit < 1:
        raise MatchingError("limit_not_positive", limit=limit)


def _code_match(value: float, own: str, theirs: str) -> dict[str, Any]:
    return {"value": round(value, 4), "participant_code": own, "opening_code": theirs}


def _vocabulary(*groups: Iterable[Iterable[str]]) -> dict[str, int]:
    words = sorted({word for group in groups for item in group for word in item})
    return {word: position for position, word in enumerate(words)}


def _membership(items: Sequence[Iterable[str]], vocabulary: dict[str, int]) -> np.ndarray:
    table = np.zeros((len(items), len(vocabulary)), dtype=bool)
    for row, item in enumerate(items):
        table[row, [vocabulary[word] for word in item]] = True
    return table


def _bitsets(items: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Each set as bits in 64-bit words, so set tests are a few integer operations."""
    words = max(1, -(-len(vocabulary) // 64))
    masks: dict[frozenset[str], list[int]] = {}
    for item in set(items):
        mask = sum(1 << vocabulary[word] for word in item)
        masks[item] = [(mask >> (64 * w)) & 0xFFFF_FFFF_FFFF_FFFF for w in range(words)]
    return np.array([masks[item] for item in items], dtype=np.uint64).reshape(len(items), words)


def _coordinates(holders: Sequence[Participant] | Sequence[Opening]) -> np.ndarray:
    return np.array(
        [(h.lat, h.lon) if h.lat is not None else (np.nan, np.nan) for h in holders],
        dtype=float,
    ).reshape(len(holders), 2)


@dataclass
class _Evaluation:
    """Every rule and part for a broadcast set of pairs (arrays of one shape)."""

    rules: dict[Rule, np.ndarray]
    distance_km: np.ndarray  # NaN where a location is unknown
    parts: dict[Part, np.ndarray]  # NaN where the part does not apply
    feasible: np.ndarray
    score: np.ndarray


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
        people, places = self.participants, self.openings

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
        self._travel_scale = np.where(
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
        self._o_capacity = np.array([o.capacity_left for o in places], np.int64)
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
        self._weights = np.array([self.weights.of(part) for part in Part])
        self._participant_ids = np.array([p.id for p in people], np.int64)
        self._opening_ids = np.array([o.id for o in places], np.int64)

    @staticmethod
    def _index(owner: str, holders: Sequence[Participant | Opening]) -> dict[int, int]:
        index = {holder.id: position for position, holder in enumerate(holders)}
        if len(index) != len(holders):
            raise MatchingError("duplicate_id", owner=owner)
        return index

    @property
    def participants_without_location(self) -> tuple[int, ...]:
        return tuple(p.id for p in self.participants if not p.has_location)

    # -- evaluation ---------------------------------------------------------------------

    def _rules(self, p: np.ndarray, o: np.ndarray) -> tuple[dict[Rule, np.ndarray], np.ndarray]:
        """Every hard rule and the distance (NaN when unknown) for the pairs (p, o).

        ``p`` and ``o`` are index arrays that broadcast together: ``(P, 1)`` with
        ``(1, O)`` gives a table, two ``(K,)`` arrays give K pairs.
        """
        shape = np.broadcast_shapes(p.shape, o.shape)
        hours_p, hours_o = self._p_hours[p], self._o_hours[o]
        distance = great_circle_km(self._p_place[p], self._o_place[o])
        missing_adaptation = (self._p_needs[p] & self._o_lacks[o]).any(axis=-1)
        common_language = (self._p_languages[p] & self._o_languages[o]).any(axis=-1)
        rules = {
            Rule.OPEN: np.broadcast_to(self._o_open[o], shape),
            Rule.CAPACITY: np.broadcast_to(self._o_capacity[o] > 0, shape),
            Rule.HOURS: (hours_p[..., 0] <= hours_o[..., 1]) & (hours_o[..., 0] <= hours_p[..., 1]),
            Rule.ADAPTATIONS: ~missing_adaptation,
            # NaN compares False, so an unknown distance never fails the limit.
            Rule.DISTANCE: ~(distance > self._p_limit[p]),
            Rule.TRANSPORT: self._p_car[p] | self._o_transit[o],
            Rule.LANGUAGE: ~self._p_needs_language[p] | common_language,
        }
        return rules, distance

    @staticmethod
    def _feasible(rules: dict[Rule, np.ndarray]) -> np.ndarray:
        passed = iter(rules.values())
        feasible = next(passed).copy()
        for rule in passed:
            feasible &= rule
        return feasible

    def _parts(self, p: np.ndarray, o: np.ndarray, distance: np.ndarray) -> dict[Part, np.ndarray]:
        """Every score part for the pairs (p, o); NaN where a part does not apply."""
        shape = distance.shape
        return {
            Part.INTEREST: self._interest(p, o, shape),
            Part.TRAVEL: np.clip(1.0 - distance / self._travel_scale[p], 0.0, 1.0),
            Part.SUPERVISOR: np.broadcast_to(self._o_trained[o], shape),
            Part.PREFERENCE: self._preference(p, o, shape),
            Part.FAIRNESS: np.broadcast_to(self._o_fairness[o], shape),
        }

    def _score(self, parts: dict[Part, np.ndarray]) -> np.ndarray:
        """The weighted mean of the parts that apply, in [0, 1]."""
        values = np.stack([parts[part] for part in Part], axis=-1)
        applies = ~np.isnan(values)
        weighted = np.where(applies, values, 0.0) @ self._weights
        total_weight = applies @ self._weights
        score: np.ndarray = np.divide(
            weighted, total_weight, out=np.zeros(weighted.shape), where=total_weight > 0
        )
        return score.clip(0.0, 1.0)

    def _scored(self, p: np.ndarray, o: np.ndarray, distance: np.ndarray) -> np.ndarray:
        return self._score(self._parts(p, o, distance))

    def _evaluate(self, p: np.ndarray, o: np.ndarray) -> _Evaluation:
        """Rules, parts and score of the pairs (p[k], o[k]), for explanations."""
        rules, distance = self._rules(p, o)
        parts = self._parts(p, o, distance)
        return _Evaluation(rules, distance, parts, self._feasible(rules), self._score(parts))

    def _interest(self, p: np.ndarray, o: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        kinds = [
            (self._p_interest_sni, self._o_sni),
            (self._p_interest_ssyk, self._o_ssyk),
        ]
        total, stated = np.zeros(shape), np.zeros(shape)
        for interests, offered in kinds:
            has = np.broadcast_to(interests.has_codes[p], shape)
            total += np.where(has, codes.best_similarity(interests, p, offered, o), 0.0)
            stated += has
        interest: np.ndarray = np.divide(
            total, stated, out=np.full(shape, np.nan), where=stated > 0
        )
        return interest

    def _preference(self, p: np.ndarray, o: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
        # NumPy types `any` as a scalar or an array; over an axis of a matrix it is an array.
        wants_any_place = cast(np.ndarray, self._p_municipalities.any(axis=1))
        wants_place = np.broadcast_to(wants_any_place[p], shape)
        wants_industry = np.broadcast_to(self._p_preferred_sni.has_codes[p], shape)
        place_met = self._p_municipalities[p, self._o_municipality[o]]
        industry_met = codes.best_similarity(self._p_preferred_sni, p, self._o_sni, o) == 1.0
        met = (wants_place & place_met).astype(float) + (wants_industry & industry_met)
        stated = wants_place.astype(float) + wants_industry
        preference: np.ndarray = np.divide(
            met, stated, out=np.full(shape, np.nan), where=stated > 0
        )
        return preference

    # -- explanations -------------------------------------------------------------------

    def _explain(self, evaluation: _Evaluation, at: int, p: int, o: int) -> Explanation:
        participant, opening = self.participants[p], self.openings[o]
        distance = float(evaluation.distance_km[at])
        distance_known = not math.isnan(distance)
        distance_detail = {"distance_km": round(distance, 1)} if distance_known else {}

        def status(rule: Rule, applicable: bool = True) -> Status:
            if not applicable:
                return Status.NOT_APPLICABLE
            return Status.PASSED if evaluation.rules[rule][at] else Status.FAILED

        missing = sorted(participant.needed_adaptations - opening.adaptations)
        rules = (
            RuleCheck(Rule.OPEN, status(Rule.OPEN)),
            RuleCheck(
                Rule.CAPACITY, status(Rule.CAPACITY), {"capacity_left": opening.capacity_left}
            ),
            RuleCheck(
                Rule.HOURS,
                status(Rule.HOURS),
                {
                    "participant_hours": [participant.hours_min, participant.hours_max],
                    "opening_hours": [opening.hours_min, opening.hours_max],
                },
            ),
            RuleCheck(
                Rule.ADAPTATIONS,
                status(Rule.ADAPTATIONS, bool(participant.needed_adaptations)),
                {"needed": sorted(participant.needed_adaptations), "missing": missing},
            ),
            RuleCheck(
                Rule.DISTANCE,
                status(Rule.DISTANCE, distance_known and participant.max_travel_km is not None),
                {**distance_detail, "limit_km": participant.max_travel_km},
            ),
            RuleCheck(
                Rule.TRANSPORT,
                status(Rule.TRANSPORT),
                {
                    "by": "car"
                    if participant.has_car
                    else "public_transport"
                    if opening.public_transport
                    else None
                },
            ),
            RuleCheck(
                Rule.LANGUAGE,
                status(Rule.LANGUAGE, participant.needs_common_language),
                {"common": sorted(participant.languages & opening.languages)},
            ),
        )

        sni_value, sni_own, sni_theirs = codes.sni_2007().best_pair(
            participant.interest_sni, opening.sni
        )
        ssyk_value, ssyk_own, ssyk_theirs = codes.ssyk_2012().best_pair(
            participant.interest_ssyk, opening.ssyk
        )
        industry_value, _, _ = codes.sni_2007().best_pair(participant.preferred_sni, opening.sni)
        details: dict[Part, dict[str, Any]] = {
            Part.INTEREST: {
                "sni": _code_match(sni_value, sni_own, sni_theirs)
                if participant.interest_sni
                else None,
                "ssyk": _code_match(ssyk_value, ssyk_own, ssyk_theirs)
                if participant.interest_ssyk
                else None,
            },
            Part.TRAVEL: {
                **distance_detail,
                "scale_km": float(self._travel_scale[p]),
            },
            Part.SUPERVISOR: {"trained": opening.supervisor_trained},
            Part.PREFERENCE: {
                "municipality": opening.municipality_code in participant.preferred_municipalities
                if participant.preferred_municipalities
                else None,
                "industry": industry_value == 1.0 if participant.preferred_sni else None,
            },
            Part.FAIRNESS: {"enterprise_placements": opening.enterprise_placements},
        }
        values = {part: float(evaluation.parts[part][at]) for part in Part}
        applied_weight = sum(self.weights.of(part) for part in Part if not math.isnan(values[part]))
        parts = tuple(
            ScorePart(
                part,
                None if math.isnan(values[part]) else round(values[part], 4),
                self.weights.of(part),
                0.0
                if math.isnan(values[part]) or not applied_weight
                else round(values[part] * self.weights.of(part) / applied_weight, 4),
                details[part],
            )
            for part in Part
        )
        notices = () if distance_known else (Notice.LOCATION_UNKNOWN,)
        return Explanation(
            bool(evaluation.feasible[at]),
            float(evaluation.score[at]),
            rules,
            parts,
            notices,
        )

    def _suggestions(self, p: np.ndarray, o: np.ndarray) -> list[Suggestion]:
        """Explained suggestions for the pairs (p[k], o[k]), in the given order."""
        if len(p) == 0:
            return []
        evaluation = self._evaluate(p, o)
        return [
            Suggestion(
                self.participants[pi].id,
                self.openings[oi].id,
                float(evaluation.score[k]),
                self._explain(evaluation, k, pi, oi),
            )
            for k, (pi, oi) in enumerate(zip(p.tolist(), o.tolist(), strict=True))
        ]

    def explain(self, participant_id: int, opening_id: int) -> Explanation:
        """Why a pair is or is not suggested, with every rule and score part."""
        p = np.array([self._participant_position(participant_id)])
        o = np.array([self._opening_position(opening_id)])
        return self._explain(self._evaluate(p, o), 0, int(p[0]), int(o[0]))

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
        rules, distance = self._rules(p, np.arange(len(self.openings)))
        feasible = np.flatnonzero(self._feasible(rules))
        score = self._scored(p, feasible, distance[feasible])
        best = feasible[self._best(score, self._opening_ids[feasible], limit)]
        return self._suggestions(np.broadcast_to(p, best.shape), best)

    def suggest_participants(self, opening_id: int, limit: int = 10) -> list[Suggestion]:
        """The best waiting participants for one opening, every one passing every rule."""
        _check_limit(limit)
        o = np.array([self._opening_position(opening_id)])
        rules, distance = self._rules(np.arange(len(self.participants)), o)
        feasible = np.flatnonzero(self._feasible(rules))
        score = self._scored(feasible, o, distance[feasible])
        best = feasible[self._best(score, self._participant_ids[feasible], limit)]
        return self._suggestions(best, np.broadcast_to(o, best.shape))

    # -- batch assignment ---------------------------------------------------------------

    def candidates(self) -> assignment.Candidates:
        """Every feasible pair with its score, evaluated in blocks of participants."""
        openings = np.arange(len(self.openings))[None, :]
        found_p, found_o, found_score = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], []
        for start in range(0, len(self.participants), BATCH_BLOCK):
            block = np.arange(start, min(start + BATCH_BLOCK, len(self.participants)))
            rules, distance = self._rules(block[:, None], openings)
            rows, columns = np.nonzero(self._feasible(rules))
            found_p.append(block[rows])
            found_o.append(columns)
            found_score.append(self._scored(block[rows], columns, distance[rows, columns]))
        return assignment.Candidates(
            participant=np.concatenate(found_p),
            opening=np.concatenate(found_o),
            score=np.concatenate([np.zeros(0), *found_score]),
            capacity=self._o_capacity.copy(),
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
