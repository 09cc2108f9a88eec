"""The coordinator drafts next year's plan from the needs ranking, the steering group
adopts it, an expenditure is booked and the follow-up and the matrix update."""

import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from lotsen.funding import delivery

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


@pytest.fixture
def next_year() -> int:
    """The year the coordinator plans for: the demo world has plans up to this year."""
    return timezone.localdate().year + 1


@pytest.fixture
def needs_ranking(next_year):
    """The demo world's newest needs inventory, as the surveys app ranks it for next year."""
    from lotsen.core.models import SupportArea

    codes = delivery.needs_ranking(next_year)
    assert codes and {"asf-school", "supervisor-training"} <= set(codes)
    names = dict(SupportArea.objects.values_list("code", "name_sv"))
    return [names[code] for code in codes if code != "coordination"]


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def long_date(day) -> str:
    """A date as the plan page writes it in Swedish: day, month name and year."""
    with translation.override("sv"):
        return formats.date_format(day, "j F Y")


def test_a_plan_goes_from_ranking_to_adoption_to_follow_up(page, needs_ranking, next_year):
    log_in(page, "coordinator")
    follow_menu_link(page, "Uppföljning och finansiering", "Finansiering")
    page.get_by_role("link", name="Gör ett utkast till plan").click()
    expect(page.get_by_text(f"behovsinventeringens rangordning för {next_year}")).to_be_visible()
    for priority, area in enumerate(needs_ranking[:3], 1):
        expect(page.get_by_label(re.compile("^" + re.escape(area)))).to_have_value(str(priority))
    page.get_by_label("År").fill(str(next_year))
    page.get_by_label("Modell").select_option("combined")
    page.get_by_label("Potten (kr)").fill("1 500 000")
    page.get_by_label("Samordnarens kostnad (kr)").fill("600000")
    page.get_by_role("button", name="Skapa utkastet").click()
    expect(page.get_by_role("heading", name=f"Verksamhetsplan {next_year}")).to_be_visible()
    assert wcag_violations(page) == []

    # The pot pays for the ASF school; Luleå owns the supervisor training.
    page.get_by_role("link", name=re.compile("Ändra ASF-skola")).click()
    page.get_by_label("Budget (kr)").fill("150000")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name=re.compile("Ändra Handledarutbildning")).click()
    page.get_by_label("Utlovade timmar").fill("40")
    page.get_by_label("Ansvarig part").select_option(label="Luleå kommun")
    page.get_by_role("button", name="Spara").click()
    expect(
        page.get_by_role("row", name=re.compile("Handledarutbildning.*Luleå kommun"))
    ).to_be_visible()
    log_out(page)

    log_in(page, "steering")
    page.goto(f"/finansiering/plan/{next_year}/")
    # The steering group adopts next year's plan at today's meeting.
    adopted_on = timezone.localdate()
    page.get_by_label("Fastställd vid styrgruppens möte den").fill(adopted_on.isoformat())
    page.get_by_role("button", name="Fastställ planen").click()
    expect(page.get_by_text("Planen fastställdes.")).to_be_visible()
    expect(page.get_by_text(long_date(adopted_on))).to_be_visible()
    log_out(page)

    log_in(page, "coordinator")
    page.goto("/finansiering/utgifter/ny/")
    page.get_by_label("År").select_option(label=str(next_year))
    page.get_by_label("Stödområde").select_option(label="ASF-skola")
    page.get_by_label("Leverantör").fill("Coompanion Norrbotten")
    page.get_by_label("Datum").fill(f"{next_year}-02-15")
    page.get_by_label("Beskrivning").fill("ASF-skola, träff 1")
    page.get_by_label("Belopp exklusive moms (kr)").fill("10000,50")
    page.get_by_label("Momssats").select_option("25")
    page.get_by_role("button", name="Spara").click()
    booked = "Utgiften på 12\u00a0500,63\u00a0kr inklusive moms bokfördes."
    expect(page.get_by_text(booked)).to_be_visible()

    page.goto(f"/finansiering/plan/{next_year}/uppfoljning/")
    expect(page.get_by_role("row", name=re.compile("ASF-skola.*12 500,63"))).to_be_visible()
    matrix = page.get_by_role("region", name=re.compile("Ansvarsmatris"))
    matrix_row = matrix.get_by_role("row", name=re.compile("^Luleå kommun"))
    expect(matrix_row).to_contain_text("Efter plan")
    expect(matrix_row).to_contain_text("0 av 40 tim")

    page.goto("/finansiering/utford-insats/")
    page.get_by_label("Part").select_option(label="Luleå kommun")
    page.get_by_label("Stödområde").select_option(label="Handledarutbildning")
    page.get_by_label("År").fill(str(next_year))
    page.get_by_label("Timmar", exact=True).fill("40")
    page.get_by_label("Beskrivning").fill("Handledarutbildning i kommunens regi")
    page.get_by_role("button", name="Spara").click()

    page.goto(f"/finansiering/plan/{next_year}/uppfoljning/")
    matrix = page.get_by_role("region", name=re.compile("Ansvarsmatris"))
    matrix_row = matrix.get_by_role("row", name=re.compile("^Luleå kommun"))
    expect(matrix_row).to_contain_text("Levererat")
    expect(matrix_row).to_contain_text("40 av 40 tim")
    assert wcag_violations(page) == []
