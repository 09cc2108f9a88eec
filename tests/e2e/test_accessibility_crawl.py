"""Every page a role can reach from the navigation passes axe for WCAG 2.1 A and AA, and
its HTML, as the server sent it, passes the W3C Nu HTML checker."""

import os
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

from . import markup
from .accessibility import wcag_violations
from .conftest import DEMO_LOGINS, log_in, sign_in_as_participant

# Pages a crawl must not follow: they change state or belong to Django's own admin,
# whose accessibility is Django's (checked at its index only).
NOT_CRAWLED = ("/konto/logout/", "/i18n/", "/static/", "/media/", "/admin/")
MAX_PAGES_PER_ROLE = 80

# Links marked `download` fetch files (CSV, JSON, XLSX, calendar files), not pages.
LINKS_IN_NAVIGATION_AND_CONTENT = """() => Array.from(
    document.querySelectorAll('nav a[href]:not([download]), main a[href]:not([download])'),
    a => a.getAttribute('href'))"""


@pytest.fixture(scope="module")
def crawled_markup():
    """The HTML of every page the crawls below visit, checked by vnu once they are done.

    What a validator should judge is the body the server sent, not the document after
    scripts changed it, so the response's text is kept rather than page.content()."""
    missing = markup.checker_missing()
    if missing and os.environ.get("LOTSEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"The HTML checker cannot run: {missing}")
    pages = markup.Pages()
    yield pages
    if not missing:
        found = markup.errors(pages)
        assert found == [], f"{len(found)} HTML errors:\n" + "\n".join(found)


def crawl(page, start: list[str], markup_of: markup.Pages, role: str = "visitor") -> dict:
    origin = urlsplit(page.url)
    queue, seen, problems = deque(start), set(start), {}
    while queue and len(seen) <= MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None and response.status < 400, (
            f"{path} answered {response and response.status}"
        )
        if (response.header_value("content-type") or "").startswith("text/html"):
            markup_of.add(f"{role} {path}", response.text())
        violations = wcag_violations(page)
        if violations:
            problems[path] = violations
        for href in page.evaluate(LINKS_IN_NAVIGATION_AND_CONTENT):
            url = urlsplit(urljoin(page.url, href))
            if url.scheme not in ("http", "https") or url.netloc != origin.netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or url.path.startswith(NOT_CRAWLED):
                continue
            seen.add(target)
            queue.append(target)
    return {"visited": sorted(seen), "problems": problems}


def navigation_paths(page) -> list[str]:
    page.goto("/")
    return [
        urlsplit(href).path
        for href in page.evaluate(
            "() => Array.from(document.querySelectorAll('nav a[href]')).map(a => a.href)"
        )
    ]


def test_a_visitor_meets_no_wcag_violation(page, crawled_markup):
    page.goto("/")
    result = crawl(
        page,
        [*navigation_paths(page), "/konto/login/", "/konto/password/reset/"],
        crawled_markup,
    )
    assert len(result["visited"]) >= 7
    assert result["problems"] == {}


@pytest.mark.parametrize("role", list(DEMO_LOGINS))
def test_each_role_meets_no_wcag_violation(page, role, crawled_markup):
    log_in(page, role)
    result = crawl(
        page,
        [
            *navigation_paths(page),
            "/konto/password/change/",
            "/konto/sakerhet/",
            "/konto/2fa/",
            "/konto/sessioner/",
        ],
        crawled_markup,
        role,
    )
    assert "/oversikt/" in result["visited"]
    assert result["problems"] == {}, result["problems"]


# Mina sidor, each page a participant reaches from its own menu (the staff's pages treat
# a participant as an outsider, which the visitor's crawl covers).
MY_PAGES = (
    "/mina-sidor/",
    "/mina-sidor/overenskommelse/",
    "/mina-sidor/samtycke/",
    "/mina-sidor/vem-har-sett/",
    "/mina-sidor/registerutdrag/",
)


def _demo_participant_number() -> str:
    """The personnummer of a demo participant with a placement under way."""
    from lotsen.placements.models import Participant, Placement

    participant = (
        Participant.objects.filter(
            consent_given=True,
            identity__erased_at__isnull=True,
            referrals__placements__status=Placement.Status.ACTIVE,
        )
        .order_by("code")
        .first()
    )
    return participant.identity.identity_number


def test_the_participant_s_pages_meet_no_wcag_violation(
    page, django_db_blocker, demo_e_legitimation
):
    page.goto("/mina-sidor/")
    assert wcag_violations(page) == []
    with django_db_blocker.unblock():
        number = _demo_participant_number()
    sign_in_as_participant(page, number)
    problems = {}
    for path in MY_PAGES:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        if violations := wcag_violations(page):
            problems[path] = violations
    assert problems == {}, problems
    page.get_by_role("link", name="Alla mina uppgifter").click()
    page.get_by_role("button", name="Visa alla mina uppgifter").click()
    assert page.get_by_role("heading", name="Ditt registerutdrag").is_visible()
    assert wcag_violations(page) == []


def test_the_admin_index_meets_no_wcag_violation(page):
    log_in(page, "admin")
    page.goto("/admin/")
    assert wcag_violations(page) == []


def test_the_english_pages_meet_no_wcag_violation(page, crawled_markup):
    page.goto("/")
    page.get_by_role("button", name="In English").click()
    page.wait_for_selector("html[lang=en]")
    result = crawl(page, navigation_paths(page), crawled_markup, "english")
    assert result["problems"] == {}
    assert page.locator("html").get_attribute("lang") == "en"


def test_error_pages_meet_no_wcag_violation(page, crawled_markup):
    response = page.goto("/finns-inte/")
    assert response.status == 404
    crawled_markup.add("visitor /finns-inte/", response.text())
    assert wcag_violations(page) == []


def test_the_check_itself_catches_a_violation(page):
    page.set_content(
        '<html lang="sv"><head><title>Prov</title></head>'
        '<body><main><img src="x.png"></main></body></html>'
    )
    assert any(violation.startswith("image-alt") for violation in wcag_violations(page))


def test_the_html_checker_catches_an_error():
    if markup.checker_missing():
        pytest.skip(markup.checker_missing())
    pages = markup.Pages()
    pages.add(
        "sample",
        '<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head>'
        '<body><time datetime="2025-01-01T10:00:00.123456+00:00">x</time>'
        '<input type="search" type="text"></body></html>',
    )
    found = markup.errors(pages)
    assert any("datetime" in error for error in found), found
    assert all(error.startswith("sample:") for error in found), found
