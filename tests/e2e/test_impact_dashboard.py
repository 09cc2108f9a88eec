"""A steering member follows the effect of the support structure: the dashboard, another
period chosen with the keyboard, the charts' tables, an indicator in detail; the public
sees the statistics with small counts hidden."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


def test_a_steering_member_reads_the_dashboard_and_changes_the_period(page):
    this_year = timezone.localdate().year
    # Last year's third quarter has passed whatever today's date; this year's may not have.
    last_year = this_year - 1
    log_in(page, "steering")
    follow_menu_link(page, "Uppföljning och finansiering", "Effektmätning")
    expect(page.get_by_role("heading", name="Effektmätning", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Visar \d{4} jämfört med \d{4}"))).to_be_visible()
    # Each chart is an image with a name, followed by its table.
    chart = page.get_by_role("img", name="Placeringar som började, pågick och avslutades")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name=re.compile("^Placeringar som började"))
    expect(table.get_by_role("rowheader", name="Deltagare som började")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Deltagare som började (ökade|minskade|: oförändrat)"))
    ).to_be_visible()
    assert wcag_violations(page) == []

    # The period form works from the keyboard alone.
    page.get_by_label("Period", exact=True).focus()
    page.keyboard.press("ArrowUp")  # År → Kvartal
    expect(page.get_by_label("Period", exact=True)).to_have_value("quarter")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type(str(last_year))
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"kind=quarter.*number=3"))
    expect(
        page.get_by_text(f"Visar kvartal 3 {last_year} jämfört med kvartal 2 {last_year}")
    ).to_be_visible()
    expect(page.get_by_role("columnheader", name=f"kvartal 3 {last_year}").first).to_be_visible()

    # A future period gets a message, not an error page.
    page.get_by_label("Period", exact=True).select_option("year")
    page.get_by_label("År", exact=True).fill(str(this_year + 1))
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_role("alert")).to_contain_text("har inte börjat än")

    # One indicator in detail: by municipality, by party and over time.
    page.goto(f"/effekt/indikator/placements/?kind=year&year={this_year}")
    expect(
        page.get_by_role("heading", name="Placeringar som började, pågick och avslutades", level=1)
    ).to_be_visible()
    expect(page.get_by_role("heading", name=f"Per kommun, {this_year}")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Per part, {this_year}")).to_be_visible()
    expect(
        page.get_by_role(
            "img", name=re.compile("^Placeringar som började.*: Deltagare som började")
        )
    ).to_be_visible()
    # Steering never sees a count from 1 to 4.
    # Business opportunities are contracts, not people: the small-cell rule leaves them.
    people_cells = page.evaluate(
        """() => Array.from(document.querySelectorAll("main td"))
            .filter(cell => !cell.closest('[aria-labelledby^="indicator-procurement"]'))
            .map(cell => cell.innerText)"""
    )
    assert people_cells
    for cell in people_cells:
        assert cell.strip() not in {"1", "2", "3", "4"}, cell
    assert wcag_violations(page) == []

    # The yearly report's downloads (PDF, XLSX) are checked here once they are on the
    # dashboard: lotsen/impact/templates/impact/includes/report_links.html.


def test_the_public_reads_the_statistics_with_small_counts_hidden(page):
    page.goto("/")
    page.get_by_role("link", name="Statistik").first.click()
    expect(page.get_by_role("heading", name="Statistik", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Ladda ner statistiken (CSV)")).to_be_visible()
    # Business opportunities are contracts, not people: the small-cell rule leaves them.
    people_cells = page.evaluate(
        """() => Array.from(document.querySelectorAll("main td"))
            .filter(cell => !cell.closest('[aria-labelledby^="indicator-procurement"]'))
            .map(cell => cell.innerText)"""
    )
    assert people_cells
    for cell in people_cells:
        assert cell.strip() not in {"1", "2", "3", "4"}, cell
    assert wcag_violations(page) == []
