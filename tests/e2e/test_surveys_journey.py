"""An enterprise answers the needs inventory from its e-mail link on a phone, by keyboard;
the coordinator compares this year's round with the one two years ago."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in

MAX_TABS = 80


@pytest.fixture
def this_year() -> int:
    """The year of the demo world's open needs inventory; the earlier round is two years older."""
    return timezone.localdate().year


@pytest.fixture
def invitation_path(demo_world, django_db_blocker, mailoutbox, this_year):
    """Send the demo enterprise its invitation and take the link from the e-mail."""
    from lotsen.surveys.models import Invitation
    from lotsen.surveys.tasks import send_invitation

    with django_db_blocker.unblock():
        invitation = Invitation.objects.get(
            survey__title=f"Behovsinventering {this_year}",
            organisation__name="Snickeriet i Piteå ek. för.",
        )
        send_invitation.enqueue(invitation.pk)
    (mail,) = mailoutbox
    assert mail.to == ["foretag@lotsen.test"]
    link = next(line for line in mail.body.splitlines() if "/enkater/svara/" in line)
    return urlsplit(link.strip()).path


@pytest.fixture
def phone(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose_on_scale(page, name: str, value: int) -> None:
    tab_to(page, f'input[name="{name}"]')
    page.keyboard.press("Space")
    for _ in range(value - 1):
        page.keyboard.press("ArrowRight")


def input_of(page, question: str) -> str:
    """The selector of the inputs answering the question whose text starts with `question`."""
    block = page.locator("fieldset.question", has_text=question).first
    return f'input[name="{block.locator("input").first.get_attribute("name")}"]'


def fits_the_screen(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth") <= 360


def test_an_enterprise_answers_the_needs_inventory_by_keyboard_on_a_phone(
    phone, invitation_path, this_year
):
    page = phone
    page.goto(invitation_path)
    assert page.get_by_role("heading", level=1).inner_text() == f"Behovsinventering {this_year}"
    assert fits_the_screen(page)
    assert wcag_violations(page) == []
    matrix = page.eval_on_selector_all(
        "fieldset.matrix-row input[value='1']", "inputs => inputs.map(input => input.name)"
    )
    assert len(matrix) >= 10
    # The question about paying for support is hidden until "yes" is chosen.
    amount = page.get_by_label("Ungefär hur mycket skulle ni kunna betala per år?", exact=False)
    assert not amount.is_visible()

    for index, name in enumerate(matrix[:4]):
        choose_on_scale(page, name, 5 - index)
    # Half done: save and come back later through the same link.
    tab_to(page, "button[name=save]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".alert-success")
    page.goto(invitation_path)
    assert page.locator(f'input[name="{matrix[0]}"][value="5"]').is_checked()

    for name in matrix[4:]:
        choose_on_scale(page, name, 3)
    tab_to(page, input_of(page, "Vilket område är viktigast"))
    page.keyboard.press("Space")
    tab_to(page, "textarea")
    page.keyboard.type("Någon som kan läsa förfrågningsunderlag med oss.")
    tab_to(page, input_of(page, "Skulle ni själva betala"))
    page.keyboard.press("Space")
    assert page.locator("input[type=checkbox]").first.is_visible()
    tab_to(page, "input[type=checkbox]")
    page.keyboard.press("Space")
    tab_to(page, "input[inputmode=decimal]")
    page.keyboard.type("två miljoner")
    tab_to(page, "button[name=submit]")
    page.keyboard.press("Enter")

    # A wrong number: a clear message, and nothing else is lost.
    summary = page.get_by_role("alert")
    assert "Några svar behöver rättas" in summary.inner_text()
    assert page.locator(f'input[name="{matrix[-1]}"][value="3"]').is_checked()
    assert "förfrågningsunderlag" in page.locator("textarea").input_value()
    assert fits_the_screen(page)
    tab_to(page, "input[inputmode=decimal]")
    page.keyboard.press("Control+A")
    page.keyboard.type("20000")
    tab_to(page, "button[name=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/enkater/tack/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"

    # The link has done its job.
    page.goto(invitation_path)
    assert "redan besvarad" in page.locator("main").inner_text()


def test_the_coordinator_compares_this_years_round_with_an_earlier_one(page, this_year):
    earlier = this_year - 2
    log_in(page, "coordinator")
    follow_menu_link(page, "Dialog och kunskap", "Enkäter")
    page.get_by_role("link", name=f"Alla omgångar av Behovsinventering {this_year}").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Behovsinventering")
    assert page.get_by_label(f"{earlier} – Behovsinventering {earlier}").is_checked()
    assert page.get_by_label(f"{this_year} – Behovsinventering {this_year}").is_checked()
    table = page.get_by_role(
        "table", name="Tabell: Hur stort är ert företags behov av stöd inom varje område?"
    )
    headers = table.locator("thead th").all_inner_texts()
    assert headers[1:4] == [str(earlier), str(this_year), "Förändring"]
    procurement = table.get_by_role("row", name="Upphandling och anbud")
    assert "upp" in procurement.inner_text()
    assert page.locator("svg.bar-chart[role=img]").count() >= 3
    assert wcag_violations(page) == []
    page.get_by_role("link", name="Tillbaka till alla enkäter").click()
    follow_menu_link(page, "Dialog och kunskap", "Behov")
    ranking = page.get_by_role(
        "table", name=f"Behoven i rangordning: Behovsinventering {this_year}"
    )
    assert ranking.locator("tbody tr").first.locator("th").inner_text() in (
        "Upphandling och anbud",
        "Sälj och marknadsföring",
    )


def test_the_steering_group_filters_the_needs_by_size_and_legal_form(page):
    log_in(page, "steering")
    follow_menu_link(page, "Dialog och kunskap", "Enkäter")
    follow_menu_link(page, "Dialog och kunskap", "Behov")
    page.get_by_role("link", name="Alla resultat för omgången").click()
    page.get_by_label("Storlek").select_option(label="5–9 anställda")
    page.get_by_role("button", name="Filtrera").click()
    assert "size_band=5_9" in page.url
    needs = page.get_by_role(
        "table", name="Tabell: Hur stort är ert företags behov av stöd inom varje område?"
    )
    # Seven demo enterprises have 5–9 staff: enough to show, no one singled out.
    assert (
        needs.get_by_role("row", name="Upphandling och anbud").locator("td").first.inner_text()
        == "7"
    )
    assert wcag_violations(page) == []
    page.get_by_label("Storlek").select_option(label="Alla storlekar")
    page.get_by_label("Associationsform").select_option(label="Ideell förening")
    page.get_by_role("button", name="Filtrera").click()
    assert "Färre än 5 svar: resultatet döljs" in page.locator("main").inner_text()
