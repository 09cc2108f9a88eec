"""Every page a role can reach from the navigation passes axe for WCAG 2.1 A and AA."""

from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

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


def crawl(page, start: list[str]) -> dict[str, list[str]]:
    origin = urlsplit(page.url)
    queue, seen, problems = deque(start), set(start), {}
    while queue and len(seen) <= MAX_PAGES_PER_ROLE:
        path = queue.popleft()
        response = page.goto(path)
        assert response is not None and response.status < 400, (
            f"{path} answered {response and response.status}"
        )
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


def test_a_visitor_meets_no_wcag_violation(page):
    page.goto("/")
    result = crawl(page, [*navigation_paths(page), "/konto/login/", "/konto/password/reset/"])
    assert len(result["visited"]) >= 7
    assert result["problems"] == {}


@pytest.mark.parametrize("role", list(DEMO_LOGINS))
def test_each_role_meets_no_wcag_violation(page, role):
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


def test_the_english_pages_meet_no_wcag_violation(page):
    page.goto("/")
    page.get_by_role("button", name="In English").click()
    page.wait_for_selector("html[lang=en]")
    result = crawl(page, navigation_paths(page))
    assert result["problems"] == {}
    assert page.locator("html").get_attribute("lang") == "en"


def test_error_pages_meet_no_wcag_violation(page):
    response = page.goto("/finns-inte/")
    assert response.status == 404
    assert wcag_violations(page) == []


def test_the_check_itself_catches_a_violation(page):
    page.set_content(
        '<html lang="sv"><head><title>Prov</title></head>'
        '<body><main><img src="x.png"></main></body></html>'
    )
    assert any(violation.startswith("image-alt") for violation in wcag_violations(page))
