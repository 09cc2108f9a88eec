"""The pilot function end to end, each party in its own browser session.

The caseworker refers → the coordinator proposes → the enterprise accepts →
the three parties approve the agreement (the participant on paper, recorded by the
coordinator with the scanned page) → the supervisor logs follow-ups → the coordinator
ends the placement with an outcome.
"""

import datetime
import re

from .accessibility import wcag_violations
from .conftest import born_years_ago, fictitious_personnummer, log_in

BORN = born_years_ago(35, 7, 4)
SCANNED_PAGE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

OPENING = "Snickeri och möbelrenovering, Snickeriet i Piteå ek. för."


def session(browser, server_url, role: str):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, role)
    return context, page


def test_a_participant_goes_from_referral_to_outcome(browser, server_url):
    today = datetime.date.today().isoformat()
    contexts = []
    try:
        # The caseworker registers with consent and refers.
        context, caseworker = session(browser, server_url, "caseworker")
        contexts.append(context)
        caseworker.goto("/lotsning/deltagare/ny/")
        caseworker.get_by_label("Namn", exact=True).fill("Journey Deltagare")
        caseworker.get_by_label("Personnummer eller samordningsnummer").fill(
            fictitious_personnummer(BORN)
        )
        caseworker.get_by_label("Kön", exact=True).select_option(label="Kvinna")
        caseworker.get_by_label("Födelseår", exact=True).fill(str(BORN.year))
        caseworker.get_by_label("Kommun", exact=True).select_option(label="Piteå")
        caseworker.get_by_label("Möjliga timmar i veckan").fill("20")
        caseworker.get_by_label("Lugn plats").check()
        caseworker.get_by_label("Vad deltagaren samtycker till").select_option(
            label="Registrering, matchning, placering och uppföljning efter avslut"
        )
        caseworker.get_by_label("Vad deltagaren vill uppnå").fill("Pröva snickeri.")
        caseworker.get_by_role("button", name="Registrera och anvisa").click()
        caseworker.wait_for_url(re.compile(r"/lotsning/deltagare/LP-[A-Z0-9]+/$"))
        code = caseworker.url.rstrip("/").rsplit("/", 1)[1]
        assert wcag_violations(caseworker) == []

        # The coordinator takes the referral through intake and proposes a place.
        context, coordinator = session(browser, server_url, "coordinator")
        contexts.append(context)
        coordinator.goto("/lotsning/anvisningar/?status=received")
        coordinator.get_by_role("link", name=code).click()
        for status in ["Inskrivning", "Matchning"]:
            coordinator.get_by_label("Ny status").select_option(label=status)
            coordinator.get_by_role("button", name="Ändra status").click()
            coordinator.get_by_text("Anvisningen uppdaterades.").wait_for()
        coordinator.get_by_label("Arbetsträningsplats").select_option(label=OPENING)
        coordinator.get_by_role("button", name="Föreslå för företaget").click()
        coordinator.get_by_text("Förslaget skickades till företaget.").wait_for()
        placement_url = coordinator.url

        # The enterprise accepts.
        context, enterprise = session(browser, server_url, "enterprise")
        contexts.append(context)
        enterprise.goto(placement_url)
        enterprise.get_by_role("button", name="Acceptera").click()
        enterprise.get_by_text("Du accepterade förslaget.").wait_for()

        # The caseworker writes the agreement and approves it for the referring party.
        caseworker.goto(placement_url)
        caseworker.get_by_role("link", name="Skriv överenskommelsen").click()
        caseworker.get_by_label("Mål", exact=True).fill("Rutiner och yrkesprövning.")
        caseworker.get_by_label("Schema", exact=True).fill("Mån–tors 9–13")
        caseworker.get_by_label("Timmar i veckan", exact=True).fill("16")
        caseworker.get_by_label("Handledare").select_option(label="Frida Företagare")
        caseworker.get_by_label("Startdatum").fill(today)
        caseworker.get_by_label("Planerat slutdatum").fill(
            (datetime.date.today() + datetime.timedelta(days=120)).isoformat()
        )
        caseworker.get_by_role("button", name="Spara överenskommelsen").click()
        caseworker.get_by_role("button", name="Godkänn för anvisande part").click()
        caseworker.get_by_text("Du godkände överenskommelsen.").wait_for()

        # The enterprise approves: two of three, so the agreement still waits.
        enterprise.goto(placement_url)
        enterprise.get_by_role("button", name="Godkänn för företaget").click()
        enterprise.get_by_text("Du godkände överenskommelsen.").wait_for()

        # The participant has no e-legitimation and signs the printed agreement; the
        # coordinator records it with the scanned page, and the third approval agrees it.
        coordinator.goto(placement_url)
        coordinator.get_by_role("link", name="Registrera deltagarens godkännande på papper").click()
        coordinator.get_by_label("Inskannad sida med deltagarens underskrift").set_input_files(
            files=[{"name": "underskrift.png", "mimeType": "image/png", "buffer": SCANNED_PAGE}]
        )
        coordinator.get_by_role("button", name="Registrera godkännandet").click()
        coordinator.get_by_text("Deltagarens godkännande på papper har registrerats.").wait_for()
        coordinator.get_by_text("Överenskommelse godkänd").first.wait_for()
        assert coordinator.get_by_role("link", name="Inskannad sida").is_visible()

        # The enterprise sees that the participant approved, not how; it starts the
        # placement and logs two follow-ups.
        enterprise.goto(placement_url)
        assert "På papper" not in enterprise.locator("main").inner_text()
        enterprise.get_by_role("button", name="Markera som startad").click()
        enterprise.get_by_text("Placeringen pågår.").wait_for()
        for phase, score in [("Vid start", "2"), ("Under", "4")]:
            enterprise.get_by_role("link", name="Registrera en uppföljning").click()
            enterprise.get_by_label("Datum", exact=True).fill(today)
            enterprise.get_by_label("Skede").select_option(label=phase)
            enterprise.get_by_label("Närvarotimmar i veckan").fill("12,5")
            enterprise.get_by_label("Motivation").select_option(score)
            enterprise.get_by_label("Rutiner och passningstider").select_option(score)
            enterprise.get_by_role("button", name="Spara uppföljningen").click()
            enterprise.get_by_text("Uppföljningen sparades.").wait_for()

        # The coordinator sees the progression and ends with an outcome.
        coordinator.goto(f"/lotsning/deltagare/{code}/")
        assert coordinator.locator("svg.chart polyline").count() == 2
        assert wcag_violations(coordinator) == []
        coordinator.goto(placement_url)
        coordinator.get_by_role("link", name="Avsluta placeringen").click()
        coordinator.get_by_label("Slutdatum").fill(today)
        coordinator.get_by_label("Skäl till avslut").select_option(label="Fick arbete")
        coordinator.get_by_label("Utfall", exact=True).select_option(
            label="Anställd i det sociala företaget"
        )
        coordinator.get_by_label("Försörjning efter").select_option(label="Lön")
        coordinator.get_by_label("Arbete eller studier efter avslut").fill("75")
        coordinator.get_by_role("button", name="Avsluta placeringen").click()
        coordinator.get_by_text("Placeringen avslutades.").wait_for()
        assert "Utfallskontroller efter avslut" in coordinator.content()
        assert "Spara kontrollen" in coordinator.content()

        # The exit counts in the follow-up report's occupation after.
        coordinator.goto("/lotsning/rapporter/")
        extent_after = coordinator.get_by_role(
            "table", name="Sysselsättning efter: arbete eller studier vid avslut"
        )
        assert extent_after.get_by_role("row", name="75–100 %").count() == 1
        assert wcag_violations(coordinator) == []
    finally:
        for context in contexts:
            context.close()
