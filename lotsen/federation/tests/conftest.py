import pytest

from .identity_providers import LOA3, SamlFederation


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
