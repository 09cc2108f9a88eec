"""Wide tables scroll inside their own region at 1280 px, never the page.

Each table wider than its region sits in a focusable region (role="region", a
name, tabindex="0") that the keyboard scrolls, and its first column stays in
view while the rest scrolls. The demo world supplies tables wide enough.
"""

import pytest
from playwright.sync_api import expect

from .accessibility import wcag_violations
from .conftest import log_in

# Every table of the page that is wider than its region, as the page lays it out.
WIDE_REGIONS = """() => [...document.querySelectorAll('table')]
  .filter(table => table.scrollWidth > table.parentElement.clientWidth + 1)
  .map(table => {
    const region = table.parentElement;
    const firstCell = table.querySelector('tbody tr > :first-child');
    return {
      role: region.getAttribute('role'),
      named: Boolean(region.getAttribute('aria-label') || region.getAttribute('aria-labelledby')),
      tabindex: region.getAttribute('tabindex'),
      scrolls: getComputedStyle(region).overflowX,
      firstColumn: getComputedStyle(firstCell).position,
    };
  })"""
PAGE_FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _follow_up(page) -> str:
    page.goto("/finansiering/")
    return page.locator('a[href$="/uppfoljning/"]').first.get_attribute("href")


def _scenario(page) -> str:
    page.goto("/finansiering/scenarier/")
    return page.locator('a[href^="/finansiering/scenarier/"][href$="/"]').last.get_attribute("href")


@pytest.mark.parametrize(
    ("role", "find_url"),
    [
        ("steering", _follow_up),
        ("coordinator", _follow_up),
        ("coordinator", lambda page: "/finansiering/utgifter/"),
        ("coordinator", _scenario),
        ("steering", lambda page: "/effekt/socioekonomi/"),
        ("coordinator", lambda page: "/organisationer/aktorer/"),
    ],
    ids=["follow-up-steering", "follow-up", "expenditures", "scenario", "socioeconomics", "actors"],
)
def test_a_wide_table_scrolls_in_its_own_region_with_its_first_column_fixed(page, role, find_url):
    log_in(page, role)
    page.goto(find_url(page))
    assert page.evaluate(PAGE_FITS), "the page itself scrolls sideways"
    wide = page.evaluate(WIDE_REGIONS)
    assert wide, "expected at least one table wider than the page on this demo page"
    for region in wide:
        assert region == {
            "role": "region",
            "named": True,
            "tabindex": "0",
            "scrolls": "auto",
            "firstColumn": "sticky",
        }
    assert wcag_violations(page) == []


def test_the_keyboard_scrolls_the_responsibility_matrix(page):
    log_in(page, "steering")
    page.goto(_follow_up(page))
    matrix = page.get_by_role("region", name="Ansvarsmatris: utlovade mot levererade timmar")
    matrix.focus()
    expect(matrix).to_be_focused()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "region => region.scrollLeft > 0", arg=matrix.element_handle(), timeout=5_000
    )
    first = matrix.locator("tbody tr").first.locator(":scope > :first-child")
    box, frame = first.bounding_box(), matrix.bounding_box()
    # The party's name is still at the region's left edge after scrolling.
    assert abs(box["x"] - frame["x"]) < 2
