"""What every public read of the API shares: errors, language, caching, CORS, the schema."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from lotsen.organisations.tests.factories import SocialEnterpriseFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/foretag/"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body.keys() >= PROBLEM_KEYS
    assert body["status"] == status
    return body


def test_an_unknown_address_is_a_problem_not_a_page(client):
    body = assert_problem(client.get("/api/v1/finns-inte/"), 404)
    assert body["instance"] == "/api/v1/finns-inte/"
    assert body["title"] == "Hittades inte"


def test_the_problem_speaks_the_language_of_accept_language(client):
    response = client.get("/api/v1/finns-inte/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert assert_problem(response, 404)["title"] == "Not found"
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_the_callers_language_is_not_left_behind_for_what_runs_next(client):
    client.get("/api/v1/finns-inte/", HTTP_ACCEPT_LANGUAGE="en")
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_an_unsupported_language_falls_back_to_swedish(client):
    response = client.get("/api/v1/finns-inte/", HTTP_ACCEPT_LANGUAGE="de")
    assert assert_problem(response, 404)["title"] == "Hittades inte"


def test_input_the_site_refuses_is_a_problem_too(client):
    assert_problem(client.get(LIST, {"q": "a\x00b"}), 400)


def test_a_write_is_refused_as_a_problem(client):
    response = client.post(LIST, {}, content_type="application/json")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


def test_an_unknown_format_is_refused_as_a_problem(client):
    assert_problem(client.get(LIST, HTTP_ACCEPT="application/xml"), 406)


def test_a_page_beyond_the_last_is_a_problem(client):
    assert_problem(client.get(LIST, {"page": "99"}), 404)


def test_an_unchanged_list_answers_304_to_its_etag(client):
    SocialEnterpriseFactory(is_public=True)
    first = client.get(LIST)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    again = client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    SocialEnterpriseFactory(is_public=True)
    assert client.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_an_unchanged_list_answers_304_to_its_date(client):
    SocialEnterpriseFactory(is_public=True)
    first = client.get(LIST)
    again = client.get(LIST, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_any_origin_may_read_the_public_api(client):
    response = client.get(LIST, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_another_origin_may_read_the_problem_too(client):
    response = client.get("/api/v1/finns-inte/", HTTP_ORIGIN="https://example.org")
    assert_problem(response, 404)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_site_pages_send_no_cors_header(client):
    response = client.get("/foretag/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in response


def test_the_schema_is_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert "/api/v1/foretag/" in schema["paths"]
    assert "Problem" in schema["components"]["schemas"]


def test_the_documentation_page_loads_nothing_from_elsewhere(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html and "<style" not in html
    assert "<script>" not in html
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/openapi.json" in script.content.decode()


def test_a_browser_may_ask_conditionally_from_another_origin(client):
    response = client.options(
        LIST,
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]


def test_too_many_requests_are_refused_as_a_problem_with_a_time_to_wait(client, settings):
    cache.clear()
    settings.API_PUBLIC_RATE = "2/minute"
    assert client.get(LIST).status_code == 200
    assert client.get(LIST).status_code == 200
    response = client.get(LIST)
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_address_does_not_escape_the_limit(client, settings):
    cache.clear()
    settings.API_PUBLIC_RATE = "1/minute"
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429
