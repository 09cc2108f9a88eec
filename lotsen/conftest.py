"""Shared fixtures: one persona per role, an outsider, a query-count check, and the clock.

The suite passes on any day. A test that assumes a date states it with the
marker `@pytest.mark.today("2026-06-15")` (the clock then stands at noon of that
day in Stockholm and ticks on); every other test uses dates relative to today.
`LOTSEN_TEST_TODAY=YYYY-MM-DD` runs the whole session on another day; CI runs
the unit layer a second time with the clock more than two years ahead, so a test
that would age is caught the day it is written.
"""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from allauth.account.internal.flows.login import record_authentication
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lotsen.accounts.models import Role
from lotsen.accounts.second_factor import record_second_factor
from lotsen.accounts.tests.factories import MembershipFactory, UserFactory
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

PERSONA_ORGANISATION_KIND = {
    Role.COORDINATOR: Organisation.Kind.PARTY,
    Role.CASEWORKER: Organisation.Kind.PARTY,
    Role.ENTERPRISE: Organisation.Kind.SOCIAL_ENTERPRISE,
    Role.PROVIDER: Organisation.Kind.SUPPORT_ACTOR,
    Role.STEERING: Organisation.Kind.PARTY,
    Role.ADMIN: Organisation.Kind.PARTY,
    Role.BUYER: Organisation.Kind.PARTY,
}


STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def _noon(day: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time(12), tzinfo=STOCKHOLM
    )


def pytest_configure(config):
    session_day = os.environ.get("LOTSEN_TEST_TODAY")
    if session_day:
        # Started here, not in a fixture, so that module-level code and every
        # xdist worker already see the moved clock.
        time_machine.travel(_noon(session_day), tick=True).start()


@pytest.fixture(autouse=True)
def assumed_today(request):
    """Stand the clock on the day a test's `today` marker names."""
    marker = request.node.get_closest_marker("today")
    if marker is None:
        yield
        return
    with time_machine.travel(_noon(marker.args[0]), tick=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def force_login_signs_in_fully():
    """`client.force_login(user)` stands for a finished sign-in: both factors passed.

    The tests of signing in itself go through allauth's pages; every other test starts
    from a signed-in user, as a person who passed the door would be (decision 0188).
    """
    original = Client._login

    def login_with_both_factors(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        request = HttpRequest()
        request.session = session
        record_authentication(request, user, method="password")
        record_second_factor(request, user, "totp")
        session.save()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "_login", login_with_both_factors)
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no stored figures."""
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in Swedish: a page asked for in English before it, on the same
    worker, leaves its language active in the thread as a request does (as Django's
    LocaleMiddleware does too)."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def make_persona(db):
    """Create a user holding `role` in a fresh organisation of the fitting kind."""

    def make(role: str, organisation: Organisation | None = None, **user_fields):
        organisation = organisation or OrganisationFactory(kind=PERSONA_ORGANISATION_KIND[role])
        user = UserFactory(**user_fields)
        MembershipFactory(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def coordinator(make_persona):
    return make_persona(Role.COORDINATOR, email="samordnare@example.test")


@pytest.fixture
def caseworker(make_persona):
    return make_persona(Role.CASEWORKER, email="handlaggare@example.test")


@pytest.fixture
def enterprise_user(make_persona):
    return make_persona(Role.ENTERPRISE, email="foretag@example.test")


@pytest.fixture
def buyer(make_persona):
    return make_persona(Role.BUYER, email="inkopare@example.test")


@pytest.fixture
def provider(make_persona):
    return make_persona(Role.PROVIDER, email="stodaktor@example.test")


@pytest.fixture
def steering(make_persona):
    return make_persona(Role.STEERING, email="styrgrupp@example.test")


@pytest.fixture
def admin_user(make_persona):
    return make_persona(Role.ADMIN, email="admin@example.test")


@pytest.fixture
def outsider(db):
    """Logged in, but with no role in any organisation."""
    return UserFactory(email="utomstaende@example.test")


@pytest.fixture
def participant_user(caseworker):
    """Signed in to "Mina sidor" as a participant the caseworker's party referred."""
    from lotsen.my_page.tests.factories import signed_in_participant

    return signed_in_participant(caseworker)[1]


@pytest.fixture
def all_personas(
    coordinator,
    caseworker,
    enterprise_user,
    provider,
    steering,
    admin_user,
    buyer,
    outsider,
    participant_user,
):
    return {
        Role.COORDINATOR: coordinator,
        Role.CASEWORKER: caseworker,
        Role.ENTERPRISE: enterprise_user,
        Role.PROVIDER: provider,
        Role.STEERING: steering,
        Role.ADMIN: admin_user,
        Role.BUYER: buyer,
        "outsider": outsider,
        "participant": participant_user,
    }


@pytest.fixture
def assert_constant_queries(client):
    """Check that a page needs as many queries with more data as with little.

    Call it with the logged-in client's URL and a function that adds n rows.
    The first count is taken with a few rows, since an empty list skips queries.
    """

    def check(url: str, add_rows, *, more: int = 15) -> int:
        add_rows(2)
        client.get(url)  # warm caches (sessions, content types) before counting
        with CaptureQueriesContext(connection) as few:
            response = client.get(url)
        assert response.status_code == 200
        add_rows(more)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert response.status_code == 200
        assert len(many) == len(few), (
            f"{url}: {len(few)} queries before, {len(many)} after adding {more} rows"
        )
        return len(few)

    return check
