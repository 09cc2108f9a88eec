"""Load CPV 2008 and the dated direct-award limits shipped in data/ (see SOURCES.md)."""

import csv
import re
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CPV_CODE = re.compile(r"\d{8}")
# One row of the transcription carries a code with its check digit as its label.
NOT_A_LABEL = re.compile(r"[\d-]+")

# A fixed sum under each act since 2022-02-01 (data/SOURCES.md).
DIRECT_AWARD_LIMITS = [
    ("LOU", "2022-02-01", 700_000, "LOU 19 kap., fixed sum from 2022-02-01"),
    ("LUF", "2022-02-01", 1_200_000, "LUF 19 kap., fixed sum from 2022-02-01"),
]


def read_rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def cpv_rows() -> list[dict[str, str]]:
    return [
        row
        for row in read_rows("cpv2008.csv")
        if CPV_CODE.fullmatch(row["code"]) and not NOT_A_LABEL.fullmatch(row["label_en"])
    ]


def nearest_parent(code: str, known: set[str]) -> str | None:
    """The nearest code above `code` that the vocabulary holds (a level may be skipped)."""
    significant = max(len(code.rstrip("0")), 2)
    while significant > 2:
        significant -= 1
        candidate = code[:significant].ljust(8, "0")
        if candidate in known:
            return candidate
    return None


def load_cpv(apps) -> None:
    from .models.reference import cpv_level

    CpvCode = apps.get_model("procurement", "CpvCode")
    rows = cpv_rows()
    swedish = {row["code"]: row["label_sv"] for row in read_rows("cpv2008-social-services-sv.csv")}
    known = {row["code"] for row in rows}
    existing = set(CpvCode.objects.values_list("code", flat=True))
    # Shorter significant codes first, so every parent exists before its children.
    rows.sort(key=lambda row: (len(row["code"].rstrip("0")), row["code"]))
    CpvCode.objects.bulk_create(
        [
            CpvCode(
                code=row["code"],
                level=cpv_level(row["code"]),
                name=row["label_en"],
                name_sv=swedish.get(row["code"], ""),
                parent_id=nearest_parent(row["code"], known),
            )
            for row in rows
            if row["code"] not in existing
        ],
        batch_size=1000,
    )


def load_direct_award_limits(apps) -> None:
    DirectAwardLimit = apps.get_model("procurement", "DirectAwardLimit")
    for act, valid_from, amount, source in DIRECT_AWARD_LIMITS:
        DirectAwardLimit.objects.update_or_create(
            act=act, valid_from=valid_from, defaults={"amount": amount, "source": source}
        )
