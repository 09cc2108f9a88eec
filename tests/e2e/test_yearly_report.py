"""A steering member asks for the yearly report from the dashboard and downloads the PDF."""

import datetime
from pathlib import Path

from playwright.sync_api import expect

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


def test_a_steering_member_asks_for_the_yearly_report_and_downloads_the_pdf(page):
    year = datetime.date.today().year
    log_in(page, "steering")
    follow_menu_link(page, "Uppföljning och finansiering", "Effektmätning")
    # Another period: the first quarter; the yearly report follows its year.
    page.get_by_label("Period", exact=True).select_option("quarter")
    page.get_by_label("År", exact=True).fill(str(year))
    page.get_by_label("Månad eller kvartal").fill("1")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text(f"Visar kvartal 1 {year} jämfört med")).to_be_visible()

    # Making the report takes a few seconds: the demo runs tasks at once.
    page.get_by_role("button", name=f"Gör årsrapporten {year} (PDF och XLSX)").click(timeout=60_000)
    expect(page.get_by_role("heading", name=f"Årsrapport {year}", level=1)).to_be_visible(
        timeout=60_000
    )
    expect(page.get_by_role("status")).to_contain_text("Klar")
    expect(page.get_by_role("status")).to_contain_text("visas som <5")
    assert wcag_violations(page) == []

    with page.expect_download() as info:
        page.get_by_role("link", name=f"Årsrapport {year} (PDF)").click()
    download = info.value
    assert download.suggested_filename == f"arsrapport-{year}.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")

    page.get_by_role("link", name="Alla årsrapporter").click()
    expect(page.get_by_role("heading", name="Årsrapport", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=f"Årsrapport {year}")).to_be_visible()
    assert wcag_violations(page) == []
