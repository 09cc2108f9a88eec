"""An explanation of one pair: every rule with its outcome and every score part.

Every detail value is JSON-serialisable, so an explanation can be stored as is.
"""

from __future__ import annotations

import math
from typing import Any

from .. import codes
from .contract import Explanation, Notice, Part, Rule, RuleCheck, ScorePart, Status
from .evaluation import Evaluation, Pairs


def _code_match(value: float, own: str, theirs: str) -> dict[str, Any]:
    return {"value": round(value, 4), "participant_code": own, "opening_code": theirs}


def explain_pair(pairs: Pairs, evaluation: Evaluation, at: int, p: int, o: int) -> Explanation:
    """Every rule and score part of the pair at position ``at`` of ``evaluation``."""
    participant, opening = pairs.participants[p], pairs.openings[o]
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
        RuleCheck(Rule.CAPACITY, status(Rule.CAPACITY), {"capacity_left": opening.capacity_left}),
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
            "scale_km": float(pairs.travel_scale[p]),
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
    weight_of = pairs.weight_of
    values = {part: float(evaluation.parts[part][at]) for part in weight_of}
    applied_weight = sum(
        weight for part, weight in weight_of.items() if not math.isnan(values[part])
    )
    parts = tuple(
        ScorePart(
            part,
            None if math.isnan(values[part]) else round(values[part], 4),
            weight,
            0.0
            if math.isnan(values[part]) or not applied_weight
            else round(values[part] * weight / applied_weight, 4),
            details[part],
        )
        for part, weight in weight_of.items()
    )
    notices = () if distance_known else (Notice.LOCATION_UNKNOWN,)
    return Explanation(
        bool(evaluation.feasible[at]),
        float(evaluation.score[at]),
        rules,
        parts,
        notices,
    )
