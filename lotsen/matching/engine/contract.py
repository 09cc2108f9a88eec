"""The engine's data contract: the inputs, the codes it answers in and the results.

Wording stays out of the engine: every rule, score part and notice is a code for the
app to translate, and a refusal is a ``MatchingError`` with a code and parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal


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
