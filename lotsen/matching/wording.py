"""Words for the engine's codes: rules, score parts, statuses and notices."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.placements.models import Adaptation, coded_labels

from .engine import Explanation, Notice, Part, Rule, RuleCheck, ScorePart, Status

RULE_LABELS = {
    Rule.OPEN: gettext_lazy("The place is open"),
    Rule.CAPACITY: gettext_lazy("The place has a seat left"),
    Rule.HOURS: gettext_lazy("Hours per week fit"),
    Rule.ADAPTATIONS: gettext_lazy("Every adaptation needed is available"),
    Rule.DISTANCE: gettext_lazy("Within the travel the participant can manage"),
    Rule.TRANSPORT: gettext_lazy("A car, or reachable by public transport"),
    Rule.LANGUAGE: gettext_lazy("A language in common"),
}
PART_LABELS = {
    Part.INTEREST: gettext_lazy("Interest match (industry and occupation)"),
    Part.TRAVEL: gettext_lazy("Shorter travel"),
    Part.SUPERVISOR: gettext_lazy("Supervisor with supervisor training"),
    Part.PREFERENCE: gettext_lazy("The participant's preferences"),
    Part.FAIRNESS: gettext_lazy("Fairness between enterprises"),
}
STATUS_LABELS = {
    Status.PASSED: gettext_lazy("passed"),
    Status.FAILED: gettext_lazy("not met"),
    Status.NOT_APPLICABLE: gettext_lazy("does not apply"),
}
NOTICE_LABELS = {
    Notice.LOCATION_UNKNOWN: gettext_lazy(
        "Neither address nor municipality is known for this participant: distance is "
        "left out of the rules and the score."
    ),
}


def percent(value: float) -> str:
    return number_format(round(value * 100)) + " %"


def _hours(hours: list[float]) -> str:
    low, high = (number_format(round(h)) for h in hours)
    return low if low == high else f"{low}–{high}"


def _rule_detail(check: RuleCheck) -> str:
    detail = check.detail
    if check.rule == Rule.CAPACITY:
        return _("%(count)s seats left") % {"count": detail["capacity_left"]}
    if check.rule == Rule.HOURS:
        return _("participant %(participant)s h, place %(opening)s h") % {
            "participant": _hours(detail["participant_hours"]),
            "opening": _hours(detail["opening_hours"]),
        }
    if check.rule == Rule.ADAPTATIONS and detail.get("missing"):
        return _("missing: %(list)s") % {
            "list": ", ".join(coded_labels(Adaptation, detail["missing"]))
        }
    if check.rule == Rule.DISTANCE and "distance_km" in detail:
        distance = number_format(detail["distance_km"], 1)
        if detail.get("limit_km") is None:
            return _("%(distance)s km, no limit stated") % {"distance": distance}
        return _("%(distance)s km of at most %(limit)s km") % {
            "distance": distance,
            "limit": number_format(detail["limit_km"], 0),
        }
    return ""


def _preference_detail(detail: dict, opening) -> str:
    """Which of the participant's wishes the place meets, naming its municipality and industry."""
    said = []
    if detail.get("municipality") is True:
        said.append(
            _("matches the wish to work in %(municipality)s")
            % {"municipality": opening.municipality.name}
        )
    elif detail.get("municipality") is False:
        said.append(_("not in a municipality the participant wishes"))
    if detail.get("industry") is True:
        said.append(
            _("matches the wished-for industry %(industry)s") % {"industry": opening.industry.name}
        )
    elif detail.get("industry") is False:
        said.append(_("not in an industry the participant wishes"))
    return ", ".join(said)


def _part_detail(part: ScorePart, opening) -> str:
    detail = part.detail
    if part.part == Part.INTEREST:
        shares = [
            label % {"share": percent(detail[kind]["value"])}
            for kind, label in (
                ("sni", _("industry %(share)s")),
                ("ssyk", _("occupation %(share)s")),
            )
            if detail.get(kind)
        ]
        return ", ".join(shares)
    if part.part == Part.TRAVEL and "distance_km" in detail:
        return _("%(distance)s km") % {"distance": number_format(detail["distance_km"], 1)}
    if part.part == Part.SUPERVISOR:
        return _("trained supervisor") if detail["trained"] else _("no trained supervisor yet")
    if part.part == Part.PREFERENCE:
        return _preference_detail(detail, opening)
    if part.part == Part.FAIRNESS:
        return _("%(count)s current placements at the enterprise") % {
            "count": detail["enterprise_placements"]
        }
    return ""


@dataclass(frozen=True)
class RuleLine:
    label: str
    status: str
    status_label: str
    detail: str


@dataclass(frozen=True)
class PartLine:
    label: str
    applies: bool
    value: str
    weight: str
    contribution: str
    detail: str


@dataclass(frozen=True)
class Worded:
    score: str
    rules: list[RuleLine]
    parts: list[PartLine]
    notices: list[str]


def _part(part: ScorePart, total_weight: float, opening) -> PartLine:
    applies = part.value is not None
    return PartLine(
        label=str(PART_LABELS[part.part]),
        applies=applies,
        value=percent(part.value) if applies else str(STATUS_LABELS[Status.NOT_APPLICABLE]),
        weight=percent(part.weight / total_weight) if total_weight else percent(0),
        contribution=percent(part.contribution),
        detail=_part_detail(part, opening),
    )


def word(explanation: Explanation, *, opening) -> Worded:
    """The explanation in words; ``opening`` is the place explained, to name where it is."""
    total_weight = sum(part.weight for part in explanation.parts)
    return Worded(
        score=percent(explanation.score),
        rules=[
            RuleLine(
                label=str(RULE_LABELS[check.rule]),
                status=check.status.value,
                status_label=str(STATUS_LABELS[check.status]),
                detail=_rule_detail(check),
            )
            for check in explanation.rules
        ],
        parts=[_part(part, total_weight, opening) for part in explanation.parts],
        notices=[str(NOTICE_LABELS[notice]) for notice in explanation.notices],
    )
