"""The main menu: one row of areas on a wide screen, one "Meny" disclosure on a phone."""

import pytest
from playwright.sync_api import expect

from .accessibility import wcag_violations
from .conftest import DEMO_LOGINS, log_in

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
MAX_TABS = 20


@pytest.fixture
def phone(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def menu(page):
    return page.get_by_role("navigation", name="Huvudmeny")


def area(page, label: str):
    return menu(page).locator(".nav-group > details", has=page.locator("summary", has_text=label))


def focused_text(page) -> str:
    return page.evaluate("() => document.activeElement.textContent.trim()")


def tab_to(page, text: str) -> None:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


@pytest.mark.parametrize("role", list(DEMO_LOGINS))
def test_each_roles_areas_fit_one_row_at_1280_pixels(page, role):
    log_in(page, role)
    entries = menu(page).locator(".nav-list > li")
    tops = {round(entries.nth(index).bounding_box()["y"]) for index in range(entries.count())}
    assert entries.count() >= 4
    assert len(tops) == 1, f"{role}'s menu wraps onto {len(tops)} rows"
    expect(menu(page).locator("summary.menu-toggle")).to_be_hidden()


def test_the_coordinators_areas_fit_one_row_in_english_too(page):
    log_in(page, "coordinator")
    page.get_by_role("button", name="In English").click()
    page.wait_for_selector("html[lang=en]")
    entries = page.get_by_role("navigation", name="Main menu").locator(".nav-list > li")
    assert len({round(entries.nth(i).bounding_box()["y"]) for i in range(entries.count())}) == 1


def test_a_visitors_menu_fits_one_row_at_1280_pixels(page):
    page.goto("/")
    entries = menu(page).locator(".nav-list > li")
    assert len({round(entries.nth(i).bounding_box()["y"]) for i in range(entries.count())}) == 1


def test_the_menu_passes_axe_with_an_area_open_and_closed(page):
    log_in(page, "coordinator")
    assert wcag_violations(page) == []
    area(page, "Uppföljning och finansiering").locator("summary").click()
    expect(menu(page).get_by_role("link", name="Effektmätning")).to_be_visible()
    assert wcag_violations(page) == []


def test_the_phone_menu_passes_axe_closed_and_open(phone):
    log_in(phone, "coordinator")
    expect(menu(phone).get_by_role("link", name="Min översikt")).to_be_hidden()
    assert wcag_violations(phone) == []
    menu(phone).locator("summary.menu-toggle").click()
    area(phone, "Lotsning").locator("summary").click()
    expect(menu(phone).get_by_role("link", name="Placeringar")).to_be_visible()
    assert wcag_violations(phone) == []


def test_one_area_is_open_at_a_time_and_a_click_outside_closes_it(page):
    log_in(page, "coordinator")
    area(page, "Lotsning").locator("summary").click()
    area(page, "Stöd").locator("summary").click()
    expect(area(page, "Lotsning")).not_to_have_attribute("open", "")
    expect(area(page, "Stöd")).to_have_attribute("open", "")
    page.get_by_role("heading", level=1).click()
    expect(area(page, "Stöd")).not_to_have_attribute("open", "")


def test_the_keyboard_alone_opens_an_area_and_follows_a_link_at_1280_pixels(page):
    log_in(page, "coordinator")
    tab_to(page, "Lotsning")
    page.keyboard.press("Enter")
    expect(area(page, "Lotsning")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Deltagare"
    page.keyboard.press("Escape")
    expect(area(page, "Lotsning")).not_to_have_attribute("open", "")
    assert focused_text(page) == "Lotsning"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused_text(page) == "Anvisningar"
    page.keyboard.press("Enter")
    page.wait_for_url("**/lotsning/anvisningar/")
    expect(menu(page).locator('a[aria-current="page"]')).to_have_text("Anvisningar")
    expect(menu(page).locator('summary[aria-current="true"]')).to_have_text("Lotsning")


def test_the_keyboard_alone_uses_the_phone_menu_at_320_pixels(phone):
    log_in(phone, "caseworker")
    # Closed, the menu leaves the page's heading in the top half of the first screen.
    assert phone.get_by_role("heading", level=1).bounding_box()["y"] < PHONE["height"] / 2
    tab_to(phone, "Meny")
    phone.keyboard.press("Enter")
    expect(menu(phone).get_by_role("link", name="Min översikt")).to_be_visible()
    tab_to(phone, "Stöd")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert focused_text(phone) == "Stödutbud"
    phone.keyboard.press("Escape")
    assert focused_text(phone) == "Stöd"
    phone.keyboard.press("Escape")
    assert focused_text(phone) == "Meny"
    expect(menu(phone).get_by_role("link", name="Min översikt")).to_be_hidden()
    phone.keyboard.press("Enter")
    tab_to(phone, "Stöd")
    phone.keyboard.press("Enter")
    tab_to(phone, "Ärenden")
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/stod/arenden/")
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_without_javascript_every_link_is_still_reachable(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, "coordinator")
    # The menu is open as the server sent it; each area opens as a plain <details>.
    area(page, "Administration").locator("summary").click()
    menu(page).get_by_role("link", name="Granskningslogg").click()
    page.wait_for_url("**/granskning/")
    context.close()
