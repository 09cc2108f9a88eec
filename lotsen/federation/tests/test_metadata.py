"""The federation's metadata is trusted only under the federation's signature over all of it."""

import re

import pytest
from saml2.sigver import SignatureError

from lotsen.federation.saml import verified_metadata

from .identity_providers import key_pair

SIGNATURE = re.compile(rb"<(\w+):Signature\b.*?</\1:Signature>", re.DOTALL)


def test_metadata_signed_by_the_federation_is_trusted(saml_federation):
    document = saml_federation.signed_metadata()
    assert verified_metadata(document, saml_federation.federation_cert) == document


def test_metadata_signed_with_another_key_is_not_trusted(saml_federation):
    with pytest.raises(SignatureError):
        verified_metadata(saml_federation.signed_metadata(), saml_federation.idp_cert)


def test_unsigned_metadata_is_not_trusted(saml_federation):
    unsigned, removed = SIGNATURE.subn(b"", saml_federation.signed_metadata())
    assert removed == 1
    with pytest.raises(SignatureError):
        verified_metadata(unsigned, saml_federation.federation_cert)


def test_metadata_changed_after_signing_is_not_trusted(saml_federation):
    document = saml_federation.signed_metadata()
    forged = document.replace(saml_federation.url.encode(), b"https://idp.attacker.test")
    with pytest.raises(SignatureError):
        verified_metadata(forged, saml_federation.federation_cert)


def test_a_signed_document_wrapped_in_an_unsigned_one_is_not_trusted(saml_federation):
    inner = saml_federation.signed_metadata().split(b"?>", 1)[-1]
    wrapper = (
        b'<ns0:EntitiesDescriptor xmlns:ns0="urn:oasis:names:tc:SAML:2.0:metadata" ID="outer">'
        + inner
        + b"</ns0:EntitiesDescriptor>"
    )
    with pytest.raises(SignatureError):
        verified_metadata(wrapper, saml_federation.federation_cert)


@pytest.mark.django_db
def test_single_sign_on_is_off_unless_configured(client):
    for path in ("/inloggning/saml/", "/inloggning/saml/logga-in/", "/inloggning/saml/svar/"):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_sign_in_waits_while_the_metadata_cannot_be_trusted(client, saml_on, settings, tmp_path):
    _key, stranger = key_pair(tmp_path, "stranger")
    settings.FEDERATION_SAML_METADATA_CERT = stranger
    response = client.get("/inloggning/saml/logga-in/")
    assert response.status_code == 503
    assert "Inloggning via din organisation går inte" in response.text
