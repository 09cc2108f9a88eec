"""A visitor asks through the one door to train for work; the coordinator, with the person's
consent, converts the request into a referral to a party's caseworker, who finds it."""

import re

from .accessibility import wcag_violations
from .conftest import born_years_ago, fictitious_personnummer, log_in

BORN = born_years_ago(38, 5, 21)

SUBJECT = "Jag vill pröva att arbeta i ett kök"


def session(browser, server_url, role: str):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, role)
    return context, page


def test_a_request_becomes_a_referral_with_consent(page, browser, server_url):
    # A visitor asks through the public form (a person needs some seconds to write).
    page.goto("/kontakt/")
    page.get_by_label("Vad gäller det?").fill(SUBJECT)
    page.get_by_label("Din fråga med egna ord").fill(
        "Jag har varit sjukskriven länge och vill börja med några timmar i veckan i Piteå."
    )
    page.get_by_label("Ditt namn").fill("Robin Resa")
    page.get_by_label("Din e-postadress").fill("robin.resa@exempel.test")
    page.wait_for_timeout(3500)
    page.get_by_role("button", name="Skicka ärendet").click()
    assert "Tack" in page.get_by_role("status").inner_text()

    contexts = []
    try:
        # The coordinator opens the request and converts it.
        context, coordinator = session(browser, server_url, "coordinator")
        contexts.append(context)
        coordinator.goto("/stod/arenden/")
        coordinator.get_by_role("link", name=re.compile(SUBJECT)).first.click()
        request_url = coordinator.url
        coordinator.get_by_role("link", name="Omvandla till en anvisning").click()
        assert wcag_violations(coordinator) == []
        assert coordinator.get_by_label("Namn", exact=True).input_value() == "Robin Resa"
        coordinator.get_by_label("Handläggare hos den anvisande parten").select_option(
            label="Hampus Handläggare, Arbetsförmedlingen, Luleå"
        )
        coordinator.get_by_label("Intern anteckning i ärendet").fill(
            "Samtycke i telefon; Hampus ringer upp."
        )
        coordinator.get_by_label("Personnummer eller samordningsnummer").fill(
            fictitious_personnummer(BORN)
        )
        coordinator.get_by_label("Kön", exact=True).select_option(
            label="Annat eller vill inte uppge"
        )
        coordinator.get_by_label("Födelseår", exact=True).fill(str(BORN.year))
        coordinator.get_by_label("Kommun", exact=True).select_option(label="Piteå")
        coordinator.get_by_label("Önskade kommuner").select_option(label="Piteå")
        coordinator.get_by_label("Möjliga timmar i veckan").fill("10")
        coordinator.get_by_label("Vad deltagaren samtycker till").select_option(
            label="Registrering, matchning och placering"
        )
        coordinator.get_by_role("button", name="Registrera och anvisa").click()

        coordinator.wait_for_url("**/lotsning/anvisningar/*/")
        assert "blev en anvisning" in coordinator.get_by_role("status").inner_text()
        facts = coordinator.locator(".facts").inner_text()
        assert "Arbetsförmedlingen, Luleå" in facts and "Hampus Handläggare" in facts
        referral_url = coordinator.url
        coordinator.get_by_role("link", name=re.compile("stödärende S-")).click()
        assert coordinator.url == request_url
        facts = coordinator.locator(".facts").inner_text()
        assert "Löst" in facts and "Omvandlat till en anvisning till arbetsträning" in facts
        assert wcag_violations(coordinator) == []

        # The party's caseworker sees the referral and where it came from, not the request.
        context, caseworker = session(browser, server_url, "caseworker")
        contexts.append(context)
        caseworker.goto(referral_url.removeprefix(server_url))
        facts = caseworker.locator(".facts").inner_text()
        assert re.search(r"stödärende S-\d+", facts)
        assert caseworker.get_by_role("link", name=re.compile("stödärende S-")).count() == 0
    finally:
        for context in contexts:
            context.close()
