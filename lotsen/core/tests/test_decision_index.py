"""The index of decision records (docs/decisions/README.md) lists every record, and only
records that exist, so a newcomer can trust it to find what was decided and what
replaced it."""

import re
from pathlib import Path

DECISIONS = Path(__file__).resolve().parents[3] / "docs" / "decisions"
INDEX = DECISIONS / "README.md"

# A record is linked by its file name, e.g. [0093](0093-support-request-to-work-training.md).
LINK = re.compile(r"\]\((\d{4}-[^)#\s]+\.md)\)")


def _records():
    return {path.name for path in DECISIONS.glob("*.md") if path.name != INDEX.name}


def _linked():
    return set(LINK.findall(INDEX.read_text(encoding="utf-8")))


def test_it_lists_every_decision_record():
    unlisted = sorted(_records() - _linked())
    assert not unlisted, f"Add these records to {INDEX.name}: {unlisted}"


def test_it_links_only_records_that_exist():
    dangling = sorted(_linked() - _records())
    assert not dangling, f"{INDEX.name} links records that do not exist: {dangling}"


def test_it_holds_nothing_but_records_and_the_index():
    # A stray file (an image, a draft without a number) would escape both checks above.
    strays = sorted(
        path.name
        for path in DECISIONS.iterdir()
        if path.name != INDEX.name and not re.fullmatch(r"\d{4}-[a-z0-9-]+\.md", path.name)
    )
    assert not strays, f"Not named as a decision record (NNNN-title.md): {strays}"


def test_every_link_between_records_points_to_a_record():
    # Status lines ("superseded by [0191](…)") and "Supersedes" lines link by file name.
    dangling = sorted(
        f"{path.name} → {target}"
        for path in DECISIONS.glob("*.md")
        for target in LINK.findall(path.read_text(encoding="utf-8"))
        if not (DECISIONS / target).is_file()
    )
    assert not dangling, f"Links to records that do not exist: {dangling}"
