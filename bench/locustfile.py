"""The roles' journeys through Lotsen over HTTP, for bench/load.py (locust).

Each simulated user signs in as its own account (password, then the authenticator
app's code) and follows its role's journey with 5–15 s of reading between
pages: the coordinator's inbox and lists, a caseworker registering a participant
through the real form, enterprise staff on their pages, the steering group on the
dashboard and the statistics, and visitors in the public directory and calendar.
Every request is named by its kind of page, the unit of the p95 table.

The load generator stands in for the TLS proxy of production: it adds the
client's address in X-Forwarded-For (each user its own, as people in different
offices), and sends the cookies that production marks Secure over plain HTTP on
127.0.0.1, as a browser does for localhost.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import http.cookiejar
import itertools
import os
import random
import re
import struct
import time

import gevent
from locust import HttpUser, between, events, task

PASSWORD = "lotsen-demo"
TOTP_SECRET = "LOTSENDEMOTOTPSECRETLOTSENDEMO23"  # lotsen/demo/accounts.py
ACCOUNT_DOMAIN = os.environ.get("BENCH_ACCOUNT_DOMAIN", "last.test")
# Seconds from the start (the ramp-up and sign-ins included) after which the figures
# count: bench/load.py samples the workers' memory at the same moment.
WARMUP = float(os.environ.get("BENCH_WARMUP", "0"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_numbers = itertools.count()
_addresses = itertools.count(1)
_accounts: dict[str, itertools.count] = {}
# Pages beside the directory's and the calendar's entries, under the same prefix.
NOT_LISTED = {"min-profil", "granskning", "oppna-data", "hantera", "nytt", "statistik"}


def totp(secret: str, at: float) -> str:
    """The authenticator app's code (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits); the load
    process runs no Django, so allauth's own function, which reads its settings, cannot."""
    digest = hmac.new(
        base64.b32decode(secret), struct.pack(">Q", int(at) // 30), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6:06d}"


def personnummer(number: int) -> tuple[str, int]:
    """A valid, unique personnummer of someone between 25 and 55, and the birth year."""
    day, serial = divmod(number, 900)
    born = datetime.date.today().replace(month=1, day=1) - datetime.timedelta(
        days=25 * 365 + day % (30 * 365)
    )
    base = f"{born:%y%m%d}{serial + 100:03d}"
    digits = [int(d) * (2 - i % 2) for i, d in enumerate(base)]
    check = (10 - sum(d // 10 + d % 10 for d in digits) % 10) % 10
    return f"{base[:6]}-{base[6:]}{check}", born.year


@events.test_start.add_listener
def _count_after_warmup(environment, **kwargs) -> None:
    if WARMUP:
        gevent.spawn_later(WARMUP, environment.runner.stats.reset_all)


_secure_ok = http.cookiejar.DefaultCookiePolicy.return_ok_secure


def _localhost_is_secure(self, cookie, request) -> bool:
    # requests copies the session's cookies into a jar of the default policy for every
    # request and redirect, so the policy is changed where it is defined.
    return request.host.partition(":")[0] == "127.0.0.1" or _secure_ok(self, cookie, request)


http.cookiejar.DefaultCookiePolicy.return_ok_secure = _localhost_is_secure


class LotsenUser(HttpUser):
    abstract = True
    # A person reads a page before the next: 10 s on average, so 50 users ask for about
    # five pages a second.
    wait_time = between(5, 15)
    role = ""

    def on_start(self) -> None:
        address = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{address // 250}.{address % 250}.1"
        self.client.headers["Accept-Language"] = "sv"
        if self.role:
            self.sign_in()

    def page(self, path: str, kind: str, expect: str | None = None):
        """GET a page, a failure unless it answers 200 (and contains `expect`)."""
        with self.client.get(path, name=kind, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")
            elif "/konto/login/" in response.url and not path.startswith("/konto/"):
                response.failure(f"{path} sent the user to sign in")
            elif expect and expect not in response.text:
                response.failure(f"{path} lacks {expect!r}")
            return response

    def post(self, path: str, data: dict, kind: str, lands_on: str):
        """POST a form with the CSRF token of the page it came from; a failure unless it
        redirects to a path starting with `lands_on`."""
        form = self.page(path, kind.replace("(POST)", "(form)"))
        token = CSRF.search(form.text)
        data = {"csrfmiddlewaretoken": token.group(1) if token else "", **data}
        with self.client.post(path, data=data, name=kind, catch_response=True) as response:
            if not response.url.startswith(f"{self.host}{lands_on}"):
                response.failure(f"{path} landed on {response.url} ({response.status_code})")
            return response

    def sign_in(self) -> None:
        number = next(_accounts.setdefault(self.role, itertools.count()))
        email = f"{self.role}{number}@{ACCOUNT_DOMAIN}"
        self.post(
            "/konto/login/",
            {"login": email, "password": PASSWORD},
            "sign-in: password (POST)",
            "/konto/2fa/authenticate/",
        )
        self.post(
            "/konto/2fa/authenticate/",
            {"code": totp(TOTP_SECRET, time.time())},
            "sign-in: second factor (POST)",
            "/oversikt/",
        )


def listed(html: str, pattern: str) -> list[str]:
    """The entries a list page links to, without the pages beside them."""
    return sorted(set(re.findall(pattern, html)) - NOT_LISTED)


class Visitor(LotsenUser):
    """Someone on the public pages: directory, calendar, statistics."""

    weight = 10

    @task(3)
    def directory(self):
        listing = self.page("/foretag/", "public: enterprise directory")
        slugs = listed(listing.text, r'href="/foretag/([\w-]+)/"')
        if slugs:
            self.page(f"/foretag/{random.choice(slugs)}/", "public: enterprise profile")

    @task(2)
    def calendar(self):
        listing = self.page("/evenemang/", "public: event calendar")
        slugs = listed(listing.text, r'href="/evenemang/([\w-]+)/"')
        if slugs:
            self.page(f"/evenemang/{random.choice(slugs)}/", "public: event")

    @task(1)
    def statistics(self):
        self.page("/statistik/", "public: statistics")

    @task(1)
    def home(self):
        self.page("/", "public: home")


class Coordinator(LotsenUser):
    """The coordinator's inbox on the overview, the lists and a case behind them."""

    role = "coordinator"
    weight = 10

    @task(3)
    def inbox(self):
        self.page("/oversikt/", "signed in: overview and inbox")

    @task(2)
    def referrals(self):
        listing = self.page("/lotsning/anvisningar/", "coordinator: referral list")
        ids = re.findall(r'href="/lotsning/anvisningar/(\d+)/"', listing.text)
        if ids:
            self.page(f"/lotsning/anvisningar/{random.choice(ids)}/", "coordinator: referral")

    @task(1)
    def placements(self):
        self.page("/lotsning/placeringar/", "coordinator: placement list")

    @task(1)
    def participants(self):
        self.page("/lotsning/deltagare/", "coordinator: participant list")

    @task(1)
    def support_requests(self):
        self.page("/stod/arenden/", "coordinator: support request list")

    @task(1)
    def organisations(self):
        self.page("/organisationer/", "coordinator: organisation list")

    @task(1)
    def events(self):
        self.page("/evenemang/hantera/", "coordinator: event management")


class Caseworker(LotsenUser):
    """A caseworker registers a participant through the form, and follows the cases."""

    role = "caseworker"
    weight = 10

    # One registration in about twelve pages: the look-ups by personnummer it makes stay
    # under the limit per user (IDENTITY_LOOKUP_LIMIT in ten minutes) in a soak.
    @task(4)
    def overview(self):
        self.page("/oversikt/", "signed in: overview and inbox")

    @task(4)
    def participants(self):
        self.page("/lotsning/deltagare/", "caseworker: participant list")

    @task(3)
    def referrals(self):
        self.page("/lotsning/anvisningar/", "caseworker: referral list")

    @task(1)
    def register(self):
        form = self.page("/lotsning/deltagare/ny/", "caseworker: registration (form)")
        party = re.search(r'name="party-party".*?<option value="(\d+)"', form.text, re.S)
        number, born = personnummer(next(_numbers) + random.randrange(10**5) * 1000)
        token = CSRF.search(form.text)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "party-party": party.group(1) if party else "",
            "identity-name": "Nora Nyberg",
            "identity-identity_number": number,
            "identity-phone": "070-123 45 67",
            "identity-email": "nora@example.test",
            "participant-gender": "woman",
            "participant-birth_year": born,
            "participant-municipality": "2580",
            "participant-income_source_start": "activity_support",
            "participant-hours_per_week": 20,
            "participant-languages": ["sv"],
            "consent-consent_scope": "placement",
            "consent-consent_date": datetime.date.today().isoformat(),
            "consent-reason": "Vill pröva arbetsträning.",
        }
        with self.client.post(
            "/lotsning/deltagare/ny/",
            data=data,
            name="caseworker: registration (POST)",
            catch_response=True,
        ) as response:
            if "/lotsning/deltagare/LP-" not in response.url:
                response.failure(f"the registration was not accepted ({response.status_code})")


class Enterprise(LotsenUser):
    """Staff of a social enterprise on its profile, openings and placements."""

    role = "enterprise"
    weight = 8

    @task(2)
    def overview(self):
        self.page("/oversikt/", "signed in: overview and inbox")

    @task(2)
    def profile(self):
        self.page("/foretag/min-profil/", "enterprise: own profile")

    @task(1)
    def openings(self):
        self.page("/lotsning/platser/", "enterprise: opening list")

    @task(1)
    def placements(self):
        self.page("/lotsning/placeringar/", "enterprise: placement list")

    @task(1)
    def support(self):
        self.page("/stod/arenden/", "enterprise: support requests")


class Steering(LotsenUser):
    """A steering group member on the effect dashboard, statistics and turnout."""

    role = "steering"
    weight = 5

    @task(3)
    def dashboard(self):
        self.page("/effekt/", "steering: effect dashboard")

    @task(1)
    def overview(self):
        self.page("/oversikt/", "signed in: overview and inbox")

    @task(1)
    def statistics(self):
        self.page("/statistik/", "public: statistics")

    @task(1)
    def turnout(self):
        self.page("/evenemang/statistik/", "steering: event turnout")
