"""Keyboard use, narrow screens and zoom, as a person would meet them."""

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_LOGINS, DEMO_PASSWORD, authenticator_code

PUBLIC_PAGES = [
    "/",
    "/foretag/",
    "/evenemang/",
    "/kunskap/",
    "/kontakt/",
    "/tillganglighet/",
    "/konto/login/",
]


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_a_user_logs_in_with_the_keyboard_alone(page):
    page.goto("/konto/login/")
    # The e-mail field has focus from the start. Chromium applies `autofocus` at its next
    # rendering step, which on a busy machine can come after the load event, so the test
    # waits for the focus before it types, as a person would look before typing.
    expect(page.get_by_label("E-postadress")).to_be_focused()
    page.keyboard.type(DEMO_LOGINS["coordinator"])
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    # The code field has focus when the second step opens.
    page.wait_for_url("**/konto/2fa/authenticate/")
    expect(page.get_by_label("Kod")).to_be_focused()
    page.keyboard.type(authenticator_code("coordinator"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/oversikt/")
    assert page.get_by_role("heading", level=1).inner_text() == "Min översikt"


def test_a_failed_login_shows_the_error_summary(page):
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill(DEMO_LOGINS["coordinator"])
    page.get_by_label("Lösenord").fill("fel lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel e-postadress eller lösenord")


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_fit_a_320_pixel_screen_without_sideways_scrolling(browser, server_url, path):
    context = browser.new_context(base_url=server_url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(path)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    context.close()


def test_pages_work_at_200_percent_zoom(browser, server_url):
    # 200 % zoom of a 1280 px window is a 640 px layout at device scale 2.
    context = browser.new_context(
        base_url=server_url, viewport={"width": 640, "height": 450}, device_scale_factor=2
    )
    page = context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(path)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 640
        assert page.get_by_role("navigation", name="Huvudmeny").is_visible()
    context.close()
