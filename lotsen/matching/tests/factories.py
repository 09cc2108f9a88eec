"""Participants and openings that pass every hard rule unless a test says otherwise."""

from __future__ import annotations

from typing import Any

from lotsen.matching.engine import Opening, Participant

LULEA = (65.58, 22.15)


def make_participant(**overrides: Any) -> Participant:
    fields: dict[str, Any] = {
        "id": 1,
        "lat": LULEA[0],
        "lon": LULEA[1],
        "hours_min": 10,
        "hours_max": 20,
        "languages": frozenset({"sv"}),
        "needs_common_language": True,
        "has_car": True,
        "max_travel_km": 50,
    }
    return Participant(**{**fields, **overrides})


def make_opening(**overrides: Any) -> Opening:
    fields: dict[str, Any] = {
        "id": 100,
        "enterprise_id": 1000,
        "lat": LULEA[0],
        "lon": LULEA[1],
        "municipality_code": "2580",
        "hours_min": 10,
        "hours_max": 30,
        "capacity_left": 1,
        "languages": frozenset({"sv"}),
        "public_transport": True,
    }
    return Opening(**{**fields, **overrides})
