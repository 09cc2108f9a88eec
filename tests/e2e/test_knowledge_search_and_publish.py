"""The knowledge node as a visitor and an editor meet it in a real browser."""

from urllib.parse import parse_qs, urlsplit

from .accessibility import wcag_violations
from .conftest import log_in


def test_a_visitor_searches_filters_by_kind_and_opens_a_guide(page):
    page.goto("/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kunskap").click()
    page.wait_for_url("**/kunskap/")
    page.get_by_role("searchbox", name="Sök").fill("företagen")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url("**/kunskap/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["företagen"]
    all_hits = page.locator(".resource-item").count()
    assert all_hits >= 5

    page.get_by_label("Typ").select_option(label="Vägledning")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_url("**kind=guide*")
    kinds = page.locator(".resource-item .resource-kind").all_inner_texts()
    assert kinds and all(kind.strip().lower() == "vägledning" for kind in kinds)
    assert len(kinds) < all_hits
    assert page.get_by_role("searchbox", name="Sök").input_value() == "företagen"
    assert wcag_violations(page) == []

    # The address can be shared: opening it again gives the same results.
    shared = page.url
    page.goto(shared)
    assert page.locator(".resource-item .resource-kind").all_inner_texts() == kinds

    page.get_by_role("link", name="Vad är ett arbetsintegrerande socialt företag?").click()
    page.wait_for_url("**/kunskap/vad-ar-ett-arbetsintegrerande-socialt-foretag/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Vad är ett arbetsintegrerande socialt företag?"
    assert page.get_by_role("heading", name="Tillväxtverkets fyra kännetecken").is_visible()
    assert "Tillväxtverket" in page.locator(".facts").inner_text()
    assert page.get_by_role("button", name="Publicera").count() == 0
    assert wcag_violations(page) == []


def test_an_editor_writes_a_draft_that_visitors_see_only_once_published(page, browser, server_url):
    log_in(page, "provider")
    page.goto("/kunskap/")
    page.get_by_role("link", name="Ny resurs").click()
    page.get_by_role("button", name="Spara").click()
    assert "Formuläret innehåller fel" in page.get_by_role("alert").inner_text()

    page.get_by_label("Typ").select_option(label="Gott exempel")
    page.get_by_label("Rubrik").fill("Cykelverkstaden tar emot praktikanter")
    page.get_by_label("Sammanfattning").fill(
        "Så ordnar ett ASF i Luleå arbetsträning i verkstaden."
    )
    page.get_by_label("Text").fill("## Så gick det till\n\nHandledarna gick utbildningen först.")
    page.get_by_role("group", name="Stödområden").get_by_label("Handledarutbildning").check()
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url("**/kunskap/cykelverkstaden-tar-emot-praktikanter/")
    assert page.locator(".status-tag").first.inner_text() == "Utkast"
    assert wcag_violations(page) == []

    visitor = browser.new_context(base_url=server_url)
    visitor_page = visitor.new_page()
    response = visitor_page.goto("/kunskap/cykelverkstaden-tar-emot-praktikanter/")
    assert response.status == 404

    page.get_by_role("button", name="Publicera").click()
    assert "Resursen är publicerad." in page.get_by_role("status").inner_text()
    assert page.locator(".status-tag").count() == 0

    response = visitor_page.goto("/kunskap/?q=handledarna+cykelverkstaden")
    visitor_page.get_by_role("link", name="Cykelverkstaden tar emot praktikanter").click()
    assert visitor_page.get_by_role("heading", name="Så gick det till").is_visible()
    visitor.close()


def test_a_resource_with_a_table_fits_a_320_pixel_screen(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 320, "height": 640})
    narrow = context.new_page()
    narrow.goto("/kunskap/associationsformer-for-sociala-foretag/")
    assert narrow.evaluate("() => document.documentElement.scrollWidth") <= 320
    narrow.goto("/kunskap/?q=f%C3%B6retagen&kind=guide")
    assert narrow.evaluate("() => document.documentElement.scrollWidth") <= 320
    context.close()
