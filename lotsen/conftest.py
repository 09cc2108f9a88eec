"""Shared fixtures: one persona per role, an outsider, and a query-count check."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotsen.accounts.models import Role
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
}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a rolled-back test leaves no stored figures."""
    cache.clear()


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
def all_personas(
    coordinator, caseworker, enterprise_user, provider, steering, admin_user, outsider
):
    return {
        Role.COORDINATOR: coordinator,
        Role.CASEWORKER: caseworker,
        Role.ENTERPRISE: enterprise_user,
        Role.PROVIDER: provider,
        Role.STEERING: steering,
        Role.ADMIN: admin_user,
        "outsider": outsider,
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
