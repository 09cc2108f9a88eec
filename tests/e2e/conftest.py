"""The real-browser layer: Debian's Chromium driven by Playwright, axe-core for WCAG.

The whole session shares one seeded demo world and one live server, as a
visitor would meet them. Without Chromium the layer is skipped on a
developer's machine and fails in CI (LOTSEN_REQUIRE_BROWSER=1).
"""

import datetime
import os
import shutil
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test.utils import override_settings
from playwright.sync_api import expect
from stdnum import luhn

# Playwright's sync API runs an event loop; the ORM calls of the fixtures are
# still plain synchronous code on this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "lotsen-demo"
DEMO_LOGINS = {
    "coordinator": "samordnare@lotsen.test",
    "caseworker": "handlaggare@lotsen.test",
    "enterprise": "foretag@lotsen.test",
    "provider": "stodaktor@lotsen.test",
    "steering": "styrgrupp@lotsen.test",
    "admin": "admin@lotsen.test",
    "buyer": "inkopare@lotsen.test",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(pytest.mark.e2e)
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("LOTSEN_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"Chromium is required for the browser layer but {CHROMIUM} is missing."
        )
    skip = pytest.mark.skip(reason=f"Chromium not installed at {CHROMIUM}")
    for item in items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Create the test database for the whole browser session.

    The journeys use no `db` marker (they must not be rolled back or flushed
    between tests), so the database is asked for here explicitly.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        _end_other_sessions()
        teardown_databases(databases, verbosity=0)


def _end_other_sessions() -> None:
    """End what the live server's request threads left connected, so the database drops.

    A thread still answering the browser when the session ends (a download, a poll of
    the yearly report's progress) holds its own PostgreSQL connection; SQLite has none.
    """
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


@pytest.fixture(scope="session")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
        assert in_memory or name.startswith("test_"), (
            f"refusing to seed {name}: not a test database"
        )
        # Demo passwords are only made with DEBUG on, as on a developer's machine.
        with override_settings(DEBUG=True):
            call_command("seed_demo", stdout=StringIO())
        yield


@pytest.fixture(scope="session")
def server_url(demo_world):
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost:0")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Assertions wait as long as actions do: a page that computes figures on its first
    # visit (the socio-economic estimate) can take longer than expect's own 5 s on a busy
    # machine.
    expect.set_options(timeout=15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def fresh_door(server_url):
    """Each journey starts with no rate-limit count and no used code left by another."""
    from django.core.cache import cache

    cache.clear()
    CODES_USED.clear()


# An authenticator app's code is accepted once: a second sign-in of the same user in the
# same 30 seconds waits for the next code, as a person would.
CODES_USED: set[tuple[str, str]] = set()


def authenticator_code(role: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from lotsen.demo.accounts import DEMO_TOTP_SECRET

    while True:
        now = time.time()
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now) // 30))
        if (role, code) not in CODES_USED:
            CODES_USED.add((role, code))
            return code
        time.sleep(30 - now % 30 + 0.1)


def log_in(page, role: str) -> None:
    """Sign in as a demo user: password, then the authenticator app's code."""
    page.goto("/konto/login/")
    page.get_by_label("E-postadress").fill(DEMO_LOGINS[role])
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/konto/2fa/authenticate/")
    page.get_by_label("Kod").fill(authenticator_code(role))
    page.get_by_label("Kod").press("Enter")
    page.wait_for_url("**/oversikt/")


def follow_menu_link(page, area: str, link: str) -> None:
    """Open an area of the main menu and follow one of its links, as a user would."""
    menu = page.get_by_role("navigation", name="Huvudmeny")
    menu.locator(".nav-group > details > summary", has_text=area).click()
    menu.get_by_role("link", name=link, exact=True).click()


def born_years_ago(age: int, month: int, day: int) -> datetime.date:
    """A birth date `age` years before this year: of working age whenever the journey runs."""
    return datetime.date(datetime.date.today().year - age, month, day)


def fictitious_personnummer(born: datetime.date) -> str:
    """A valid personnummer for `born` with a serial that differs between runs."""
    base = f"{born:%y%m%d}{datetime.datetime.now().microsecond % 900 + 100:03d}"
    return f"{born.year // 100}{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


@pytest.fixture
def demo_e_legitimation(server_url):
    """The demo world's stand-in for BankID, at the live server's own address (the suite
    runs without DEBUG, which alone switches it on in the settings)."""
    from django.conf import settings

    from lotsen.settings import demo_identity_provider

    provider = demo_identity_provider(server_url)
    with override_settings(
        DEMO_IDENTITY_PROVIDER=True,
        FEDERATION_OIDC_PROVIDERS=[*settings.FEDERATION_OIDC_PROVIDERS, provider],
    ):
        yield provider


def sign_in_as_participant(page, personnummer: str) -> None:
    """Sign in to Mina sidor through the demo e-legitimation, as a participant would."""
    page.goto("/mina-sidor/")
    page.get_by_role("button", name="Logga in med Demo-BankID").click()
    page.get_by_label("Personnummer").fill(personnummer.replace("-", ""))
    page.get_by_role("button", name="Identifiera mig").click()
    page.wait_for_url("**/mina-sidor/")
