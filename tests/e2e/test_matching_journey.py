"""The coordinator matches: explained suggestions for one participant, then the batch."""

import re

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


def test_the_coordinator_proposes_a_suggestion_and_confirms_part_of_the_batch(page):
    log_in(page, "coordinator")
    follow_menu_link(page, "Lotsning", "Matchning")
    page.wait_for_url("**/matchning/")
    assert wcag_violations(page) == []

    # One participant: the suggestions explain themselves, and one becomes a proposal.
    page.get_by_role("link", name=re.compile(r"^Förslag för LP-")).first.click()
    page.wait_for_url(re.compile(r"/matchning/anvisningar/\d+/$"))
    suggestion = page.locator(".suggestion").first
    suggestion.get_by_text(re.compile(r"^Varför: poäng")).click()
    assert suggestion.get_by_text("Timmar per vecka passar").is_visible()
    assert suggestion.get_by_text(re.compile(r"Kortare resväg: .* med vikten")).is_visible()
    assert wcag_violations(page) == []
    place = suggestion.get_by_role("heading", level=2).inner_text()
    suggestion.get_by_role("button", name=re.compile(r"^Föreslå ")).click()
    page.wait_for_url(re.compile(r"/lotsning/placeringar/\d+/$"))
    # Sent to the enterprise's users, or, where nobody there signs in, the coordinator is
    # told to invite the contact person or take the answer by phone.
    sent = page.get_by_text("Förslaget skickades till företaget.")
    unanswerable = page.get_by_text("men ingen på företaget loggar in i Lotsen")
    assert sent.is_visible() or (
        unanswerable.is_visible()
        and page.get_by_role("button", name="Skicka inbjudan").is_visible()
    )
    assert place.split(",")[0] in page.content()

    # The batch: the optimal list against the greedy figure; only the first row confirmed.
    page.goto("/matchning/omgang/")
    assert page.get_by_text("Om bästa paret togs först i stället").is_visible()
    assert wcag_violations(page) == []
    boxes = page.get_by_role("checkbox")
    assert boxes.count() >= 2
    for index in range(1, boxes.count()):
        boxes.nth(index).uncheck()
    page.get_by_role("button", name="Föreslå de markerade paren").click()
    assert page.get_by_text("1 förslag skickat.").is_visible()
    assert page.get_by_role("link", name="Föreslagen").count() == 1
    assert wcag_violations(page) == []
