import pytest

from lotsen.placements.tests.factories import party_of

from .. import services


@pytest.fixture
def party(caseworker):
    return party_of(caseworker)


@pytest.fixture
def key_and_secret(coordinator, party):
    return services.api_key_create(actor=coordinator, organisation=party, name="Ärendesystem")


@pytest.fixture
def secret(key_and_secret) -> str:
    return key_and_secret[1]


@pytest.fixture
def api(client, secret):
    """The test client, sending the party's key with every call."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
