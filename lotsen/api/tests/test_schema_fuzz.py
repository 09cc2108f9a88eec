"""Schemathesis sends every operation of the OpenAPI document generated requests.

Each operation gets a bounded, derandomised set of examples (the same on every run and
on both databases), through the WSGI application as a client would reach it, and every
answer must be no server error, carry a documented status and content type, and match
the documented schema, problem details included.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lotsen.organisations.tests.factories import SocialEnterpriseFactory
from lotsen.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


# Loaded once, as the test module is collected: the schema view needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """Keep the connection open across requests, as Django's test client does.

    A request through the WSGI application closes a connection that is not in
    autocommit at its end; inside the test's transaction that would end it (PostgreSQL).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def world(db, settings):
    # The fuzzing asks far more often than any visitor may; the limit has its own test.
    settings.API_PUBLIC_RATE = ""
    SocialEnterpriseFactory.create_batch(2, is_public=True)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(case):
    case.call_and_validate(checks=CHECKS)
