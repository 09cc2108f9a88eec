import pytest

from lotsen.federation.tests.identity_providers import LOA3, OidcProvider


@pytest.fixture(scope="session")
def broker():
    provider = OidcProvider()
    yield provider
    provider.stop()


@pytest.fixture
def participants_broker(settings, broker):
    """A broker of e-legitimation for participants, linking by the personnummer claim
    (the default `link_claim` of a provider marked for participants)."""
    settings.FEDERATION_OIDC_PROVIDERS = [
        {
            "id": "e-legitimation",
            "name": "BankID",
            "client_id": broker.client_id,
            "secret": broker.secret,
            "issuer": broker.url,
            "acr_values": [LOA3],
            "assurance": [LOA3],
            "participants": True,
        }
    ]
    return broker
