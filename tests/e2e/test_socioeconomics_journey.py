"""A steering member reads this year's socio-economic estimate and how a figure is
computed, changes the year, and the coordinator is refused an absurd parameter."""

import datetime
import re

from playwright.sync_api import expect

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


def test_the_steering_group_reads_the_estimate_and_its_formulas(page):
    log_in(page, "steering")
    follow_menu_link(page, "Uppföljning och finansiering", "Socioekonomisk kalkyl")
    this_year = datetime.date.today().year
    expect(page.get_by_role("heading", name=f"Socioekonomisk kalkyl {this_year}")).to_be_visible()
    expect(page.get_by_role("heading", name="Resultat per aktör")).to_be_visible()
    expect(
        page.get_by_role("row", name=re.compile("^Offentlig avkastning per krona"))
    ).to_be_visible()
    page.locator("main summary").first.click()
    expect(page.get_by_text(re.compile(r"personer × .* dödvikt")).first).to_be_visible()
    assert page.get_by_role("link", name="Dödvikt").count() == 0  # steering does not edit
    assert wcag_violations(page) == []

    page.get_by_label("År").select_option(str(this_year - 1))
    page.get_by_role("button", name="Visa").click()
    expect(
        page.get_by_role("heading", name=f"Socioekonomisk kalkyl {this_year - 1}")
    ).to_be_visible()
    assert wcag_violations(page) == []


def test_the_coordinator_is_refused_a_negative_deadweight(page):
    log_in(page, "coordinator")
    page.goto("/effekt/socioekonomi/#parameters")
    page.get_by_role("link", name="Dödvikt").click()
    page.get_by_label("Huvudvärde").fill("-10")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Tillåtet intervall: 0 % till 100 %.").first).to_be_visible()
    assert wcag_violations(page) == []
    page.goto("/effekt/socioekonomi/")
    expect(page.get_by_role("row", name=re.compile("^Dödvikt"))).to_contain_text("30 %")
