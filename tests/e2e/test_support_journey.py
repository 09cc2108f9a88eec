"""An enterprise asks for help with a tender, the coordinator assigns it to a provider,
the provider logs two hours, and the enterprise sees its time bank drop and rates the help."""

import re
from decimal import Decimal

from .accessibility import wcag_violations
from .conftest import log_in

SUBJECT = "Anbud på möbler till Piteå kommuns skolor"
TENDER_OFFER = "Anbudsstöd – lämna anbud i offentlig upphandling"


def balance(page) -> Decimal:
    text = page.locator("#time-bank-balance").inner_text()
    return Decimal(re.search(r"[\d,]+", text).group().replace(",", "."))


def as_role(browser, server_url, role):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, role)
    return context, page


def test_an_enterprise_gets_help_with_a_tender_and_rates_it(page, browser, server_url):
    # The enterprise asks through the one door.
    log_in(page, "enterprise")
    page.goto("/kontakt/")
    page.get_by_label("Vad gäller det?").fill(SUBJECT)
    page.get_by_label("Din fråga med egna ord").fill(
        "Vi vill lämna anbud på skolmöbler men förstår inte förfrågningsunderlaget."
    )
    page.get_by_label("Område").select_option(label="Upphandling och anbud")
    page.get_by_role("button", name="Skicka ärendet").click()
    page.wait_for_url("**/stod/arenden/*/")
    request_url = page.url
    assert page.get_by_role("heading", level=1).inner_text().endswith(SUBJECT)
    assert "Nytt" in page.locator(".facts").inner_text()
    assert wcag_violations(page) == []

    # The coordinator finds it on the overview and assigns it to Coompanion's tender support.
    coordinator_context, coordinator = as_role(browser, server_url, "coordinator")
    coordinator.get_by_role("link", name=re.compile(SUBJECT)).first.click()
    coordinator.get_by_role("link", name="Fördela").click()
    assert wcag_violations(coordinator) == []
    coordinator.get_by_label("Fördelat till en stödaktör").check()
    coordinator.get_by_label("Erbjudande").select_option(label=TENDER_OFFER)
    coordinator.get_by_role("button", name="Spara beslutet").click()
    assert "Ärendet fördelades." in coordinator.get_by_role("status").inner_text()
    assert "Coompanion Norrbotten" in coordinator.locator(".facts").inner_text()
    coordinator_context.close()

    page.goto(request_url)
    before = balance(page)

    # The provider logs two hours of advice and marks the request resolved.
    provider_context, provider = as_role(browser, server_url, "provider")
    provider.goto(request_url)
    assert wcag_violations(provider) == []
    provider.get_by_label("Levererade timmar").fill("2")
    provider.get_by_label("Vad som gjordes").fill("Genomgång av förfrågningsunderlaget")
    provider.get_by_role("button", name="Logga timmar").click()
    assert "Timmarna loggades." in provider.get_by_role("status").inner_text()
    provider.get_by_role("button", name="Markera som löst").click()
    assert "Löst" in provider.locator(".facts").inner_text()
    provider_context.close()

    # The enterprise sees its balance drop by two hours and rates the help.
    page.goto(request_url)
    assert balance(page) == before - 2
    page.get_by_label("5 – mycket bra").check()
    page.get_by_label("Kommentar").fill("Snabb och kunnig hjälp, tack!")
    page.get_by_role("button", name="Avsluta ärendet").click()
    assert "Avslutat" in page.locator(".facts").inner_text()
    assert "5 av 5" in page.locator(".facts").inner_text()
    assert wcag_violations(page) == []


def test_the_public_contact_form_fits_a_narrow_screen(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto("/kontakt/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    assert not page.locator(".honeypot").is_visible()
    context.close()
