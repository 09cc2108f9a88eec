"""The eForms code lists Lotsen uses, read from data/ (see SOURCES.md there).

Each list is kept as the Publications Office gives it, with its Swedish and English
labels; a label is shown in the visitor's language. The lists are small and fixed, so
they are read once per process rather than kept in the database.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Code:
    code: str
    label_sv: str
    label_en: str

    @property
    def label(self) -> str:
        return self.label_sv if (get_language() or "sv").startswith("sv") else self.label_en


@cache
def codelist(name: str) -> dict[str, Code]:
    with open(DATA / f"eforms-{name}.csv", encoding="utf-8", newline="") as source:
        return {row["code"]: Code(**row) for row in csv.DictReader(source)}


def choices(name: str, *, leave_out: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The list as form choices, labelled in the language active when asked."""
    return [(code, entry.label) for code, entry in codelist(name).items() if code not in leave_out]


def label(name: str, code: str) -> str:
    entry = codelist(name).get(code)
    return entry.label if entry else code


RESERVED_PARTICIPATION = "reserved-procurement"
RESERVED_EXECUTION = "applicability_reserved-execution"
STRATEGIC_PROCUREMENT = "strategic-procurement"
SOCIAL_OBJECTIVE = "social-objective"
CONTRACT_NATURE = "contract-nature"


# Callables, so a model field's choices are labelled in the language of each request.
def contract_nature_choices() -> list[tuple[str, str]]:
    return choices(CONTRACT_NATURE)


def reserved_participation_choices() -> list[tuple[str, str]]:
    return choices(RESERVED_PARTICIPATION)
