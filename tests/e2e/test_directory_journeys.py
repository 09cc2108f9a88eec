"""The directory of social enterprises as a buyer, a company and the coordinator meet it."""

import json

from .accessibility import wcag_violations
from .conftest import follow_menu_link, log_in


def test_a_visitor_finds_a_carpentry_in_pitea_that_takes_trainees(page):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Sociala företag"
    ).click()
    page.get_by_role("searchbox").fill("snickeri")
    page.get_by_label("Kommun").select_option(label="Piteå")
    page.get_by_label("Tar emot personer i arbetsträning").check()
    page.get_by_role("button", name="Visa resultat").click()
    # The result is a plain address anyone can share.
    assert "kommun=2581" in page.url and "praktik=on" in page.url
    results = page.locator(".directory-results h3")
    assert results.all_inner_texts() == ["Snickeriet i Piteå ek. för."]
    results.get_by_role("link").click()
    page.wait_for_url("**/foretag/snickeriet-i-pitea-ek-for/")
    assert page.get_by_role("heading", level=1).inner_text() == "Snickeriet i Piteå ek. för."
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Organization"
    assert wcag_violations(page) == []


def test_the_directory_works_without_javascript(browser, server_url):
    context = browser.new_context(base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/foretag/?kommun=2581&praktik=on&q=snickeri")
    assert "Snickeriet i Piteå ek. för." in page.locator(".directory-results").inner_text()
    page.goto("/foretag/")
    page.get_by_role("link", name="Nästa sida").click()
    assert "page=2" in page.url
    context.close()


def test_an_enterprise_edits_its_profile_and_the_coordinator_verifies_it(page):
    log_in(page, "enterprise")
    follow_menu_link(page, "Dialog och kunskap", "Vår företagsprofil")
    page.wait_for_url("**/foretag/snickeriet-i-pitea-ek-for/andra/")
    assert wcag_violations(page) == []
    page.get_by_role("textbox", name="Beskrivning (frivilligt)").fill(
        "Vi bygger kök, altaner och möbler på beställning."
    )
    page.get_by_label("Varav från målgruppen").fill("5")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/foretag/snickeriet-i-pitea-ek-for/")
    assert "Samordnaren kommer att verifiera" in page.locator(".messages").inner_text()
    assert "Vi bygger kök, altaner" in page.locator("main").inner_text()

    page.get_by_role("button", name="Logga ut").click()
    log_in(page, "coordinator")
    follow_menu_link(page, "Administration", "Profiler att verifiera")
    page.get_by_role("link", name="Snickeriet i Piteå ek. för.").click()
    assert "5" in page.locator("main").inner_text()
    assert wcag_violations(page) == []
    page.get_by_label("Verifierad: uppgifterna stämmer").check()
    page.get_by_role("button", name="Spara beslutet").click()
    assert "Beslutet sparades." in page.locator(".messages").inner_text()
    page.goto("/foretag/snickeriet-i-pitea-ek-for/historik/")
    history = page.locator("table").inner_text()
    assert "Frida Företagare" in history and "Saga Samordnare" in history
