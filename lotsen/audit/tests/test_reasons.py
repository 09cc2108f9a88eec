"""The review page explains every event in the reader's language (issue 15, §9)."""

import ast
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import escape

import lotsen
from lotsen.audit.reasons import explain
from lotsen.audit.services import audit_event_record

# Functions that record an audit event, or pass their reason on to one that does.
RECORDERS = {
    "audit",
    "_audit",
    "audit_event_record",
    "_visible_or_404",
    "_placement",
    "_act_on_unanswered_proposal",
    "federated_login_refuse",
}


def _reasons_in(expression: ast.expr):
    """The reasons an argument can take: literals as they are, f-strings with a sample value."""
    if isinstance(expression, ast.Constant) and isinstance(expression.value, str):
        yield expression.value
    elif isinstance(expression, ast.JoinedStr):
        yield "".join(
            part.value if isinstance(part, ast.Constant) else "1" for part in expression.values
        )
    else:
        for child in ast.iter_child_nodes(expression):
            yield from _reasons_in(child)


def _recorded_reasons() -> set[str]:
    reasons = set()
    for path in Path(lotsen.__file__).parent.rglob("*.py"):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
            if name not in RECORDERS:
                continue
            given = [kw.value for kw in node.keywords if kw.arg == "reason"] or node.args[-1:]
            for argument in given:
                reasons.update(_reasons_in(argument))
    return reasons


REASONS = sorted(_recorded_reasons())


def test_the_scan_finds_the_reasons_of_every_app():
    assert {"support request opened", "triaged: 1", "referral page", "attendee list"} <= set(
        REASONS
    )


@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_the_code_records_has_a_swedish_explanation(reason):
    with translation.override("sv"):
        assert explain(reason) != reason


@pytest.mark.parametrize(
    ("reason", "swedish"),
    [
        ("triaged: assigned", "fördelat: fördelat till en stödaktör"),
        ("referral declined", "anvisning avslagen"),
        ("agreement approved by referrer", "överenskommelse godkänd av den anvisande parten"),
        ("outcome check +12", "uppföljning av utfall efter 12 månader"),
    ],
)
def test_a_coded_value_is_named_in_swedish(reason, swedish):
    with translation.override("sv"):
        assert explain(reason) == swedish


def test_a_reason_written_by_a_person_is_shown_as_it_is():
    assert explain("uppföljning med handläggaren") == "uppföljning med handläggaren"


def test_the_review_page_in_swedish_has_no_english_explanation(client, coordinator):
    for reason in REASONS:
        audit_event_record(
            actor=coordinator,
            action="view",
            object_type="placements.participant",
            object_id="7",
            reason=reason,
        )
    client.force_login(coordinator)
    pages = [client.get("/granskning/", {"page": number}) for number in (1, 2)]
    assert all(page.status_code == 200 for page in pages)
    assert 'lang="sv"' in pages[0].text
    text = "".join(page.text for page in pages)
    assert "placements.participant" not in text
    assert "deltagare 7" in text
    english = [reason for reason in REASONS if f"<td>{escape(reason)}</td>" in text]
    assert english == []
    assert len(REASONS) > 50, "the events fill two pages of the review"


def test_an_outsider_does_not_see_the_explanations(client, outsider):
    audit_event_record(actor=None, action="view", object_type="x", reason="attendee list")
    client.force_login(outsider)
    response = client.get("/granskning/")
    assert response.status_code == 403
