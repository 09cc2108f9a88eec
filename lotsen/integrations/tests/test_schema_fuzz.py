"""Schemathesis sends the partner API's operations generated requests, with a valid key.

lotsen.api's own run asks every operation without a key (401); this one goes past the
door, so the generated bodies, query parameters and Idempotency-Keys reach the views.
Bounded and derandomised as there, with the same checks: no server error, a documented
status and content type, and an answer that matches the documented schema.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

# The checks, and the fixture that keeps the test's transaction across WSGI requests.
from lotsen.api.tests.test_schema_fuzz import CHECKS, keep_the_test_transaction  # noqa: F401
from lotsen.placements.tests.factories import register
from lotsen.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="^/api/v1/partner/"
)


@pytest.fixture(autouse=True)
def world(db, settings, caseworker):
    # The fuzzing calls far more often than a system may; the limit has its own test.
    settings.PARTNER_API_RATE = ""
    register(caseworker)


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
