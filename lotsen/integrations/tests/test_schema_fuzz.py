"""Schemathesis sends the partner API's operations generated requests, with a valid key.

lotsen.api's own run asks every operation without a key (401); this one goes past the
door, so the generated bodies, query parameters and Idempotency-Keys reach the views.
Bounded and derandomised as there; every answer must be no server error, with a
documented status and content type, and match the documented schema.
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

from lotsen.placements.tests.factories import register
from lotsen.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="^/api/v1/partner/"
)


@pytest.fixture(autouse=True)
def world(db, settings, caseworker):
    # The fuzzing calls far more often than a system may; the limit has its own test.
    settings.PARTNER_API_RATE = ""
    register(caseworker)
    # As Django's test client does: a request through the WSGI application must not close
    # the connection that holds the test's transaction (PostgreSQL would lose it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_partner_operation_answers_as_its_schema_says(case, secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)
