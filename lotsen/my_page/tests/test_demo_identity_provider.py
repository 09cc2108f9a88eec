"""The demo world's stand-in for the broker: off without DEBUG, strict about its client."""

from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from lotsen.federation.oidc import PERSONAL_IDENTITY_NUMBER
from lotsen.placements.tests.factories import identity_number
from lotsen.settings import demo_identity_provider

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/konto/oidc/demo-e-legitimation/login/callback/"


@pytest.fixture
def demo_on(settings):
    provider = demo_identity_provider("http://testserver")
    settings.DEMO_IDENTITY_PROVIDER = True
    settings.FEDERATION_OIDC_PROVIDERS = [provider]
    return provider


def _twelve_digits() -> str:
    number = identity_number().replace("-", "")
    return ("19" if len(number) == 10 else "") + number


def _ask(client, provider, number: str):
    return client.post(
        "/demo/e-legitimation/authorize",
        {
            "client_id": provider["client_id"],
            "redirect_uri": CALLBACK,
            "state": "s",
            "nonce": "n",
            "personal_identity_number": number,
        },
    )


def test_it_answers_nobody_while_off(client):
    assert client.get("/demo/e-legitimation/.well-known/openid-configuration").status_code == 404
    assert client.post("/demo/e-legitimation/token").status_code == 404


def test_it_vouches_for_the_number_asked_at_loa3(client, demo_on):
    discovery = client.get("/demo/e-legitimation/.well-known/openid-configuration").json()
    assert discovery["issuer"] == demo_on["issuer"]
    number = _twelve_digits()
    answer = _ask(client, demo_on, number)
    assert answer["Location"].startswith(CALLBACK)
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    token = client.post(
        "/demo/e-legitimation/token",
        {
            "code": code,
            "client_id": demo_on["client_id"],
            "client_secret": demo_on["secret"],
            "redirect_uri": CALLBACK,
        },
    ).json()
    claims = jwt.decode(
        token["id_token"], demo_on["secret"], algorithms=["HS256"], audience="lotsen-demo"
    )
    assert claims[PERSONAL_IDENTITY_NUMBER] == number
    assert claims["acr"] == "http://id.elegnamnden.se/loa/1.0/loa3"
    assert claims["nonce"] == "n"
    userinfo = client.get(
        "/demo/e-legitimation/userinfo", HTTP_AUTHORIZATION=f"Bearer {token['access_token']}"
    )
    assert userinfo.json()[PERSONAL_IDENTITY_NUMBER] == number


def test_a_code_works_once_and_only_for_the_client(client, demo_on):
    answer = _ask(client, demo_on, _twelve_digits())
    code = parse_qs(urlsplit(answer["Location"]).query)["code"][0]
    wrong = {"code": code, "client_id": "x", "client_secret": "y", "redirect_uri": CALLBACK}
    assert client.post("/demo/e-legitimation/token", wrong).status_code == 400


def test_another_redirect_is_refused(client, demo_on):
    response = client.get(
        "/demo/e-legitimation/authorize",
        {"client_id": demo_on["client_id"], "redirect_uri": "https://elsewhere.example/cb"},
    )
    assert response.status_code == 400


def test_a_number_that_is_no_personnummer_is_asked_again(client, demo_on):
    response = _ask(client, demo_on, "12345")
    assert response.status_code == 200
    assert "Skriv personnumret med tolv siffror." in response.text
