import pytest

from .identity_providers import LOA3, OidcProvider, SamlFederation


@pytest.fixture(scope="session")
def saml_federation(tmp_path_factory):
    federation = SamlFederation(tmp_path_factory.mktemp("saml"))
    yield federation
    federation.stop()


@pytest.fixture
def saml_on(settings, saml_federation, client):
    """Single sign-on over SAML switched on, trusting the test federation's metadata and
    its one identity provider, whose LoA 3 counts as the second factor."""
    settings.SITE_URL = "http://testserver"
    settings.FEDERATION_SAML_METADATA_URL = saml_federation.metadata_url
    settings.FEDERATION_SAML_METADATA_CERT = saml_federation.federation_cert
    settings.FEDERATION_SAML_IDPS = {
        saml_federation.entity_id: {"name": "Testkommunen", "assurance": [LOA3]}
    }
    saml_federation.trust(client.get("/inloggning/saml/").content)
    return saml_federation


@pytest.fixture(scope="session")
def oidc_provider():
    provider = OidcProvider()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_on(settings, oidc_provider):
    """A broker of e-legitimation as an OpenID Connect provider, whose LoA 3 counts as
    the second factor."""
    settings.FEDERATION_OIDC_PROVIDERS = [
        {
            "id": "broker",
            "name": "Testbrokern",
            "client_id": oidc_provider.client_id,
            "secret": oidc_provider.secret,
            "issuer": oidc_provider.url,
            "acr_values": [LOA3],
            "assurance": [LOA3],
        }
    ]
    return oidc_provider
