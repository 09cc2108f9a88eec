"""Lotsen as a SAML service provider in a federation such as Sambi (decision 0190).

The federation's metadata names every identity provider of its members; it is trusted
only when the federation's own signature over the whole document verifies. Of those
providers, Lotsen accepts the ones its settings list (the parties' own), and a person
they vouch for signs in only as an existing user with the linking attribute's address.
"""

import hashlib
import logging
import time
from pathlib import Path

import requests
from defusedxml import DefusedXmlException, ElementTree
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from djangosaml2.backends import Saml2Backend
from saml2 import BINDING_HTTP_POST
from saml2.config import SPConfig
from saml2.mdstore import ToOld
from saml2.sigver import CryptoBackendXmlSec1, SecurityContext, SignatureError, get_xmlsec_binary

logger = logging.getLogger(__name__)

_DSIG = "{http://www.w3.org/2000/09/xmldsig#}"
_METADATA_ROOTS = {
    "{urn:oasis:names:tc:SAML:2.0:metadata}EntitiesDescriptor": (
        "urn:oasis:names:tc:SAML:2.0:metadata:EntitiesDescriptor"
    ),
    "{urn:oasis:names:tc:SAML:2.0:metadata}EntityDescriptor": (
        "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor"
    ),
}


# What fetching, reading or verifying the federation's metadata can fail with.
METADATA_ERRORS = (
    SignatureError,
    ToOld,
    requests.RequestException,
    OSError,
    ElementTree.ParseError,
    DefusedXmlException,
)


def is_enabled() -> bool:
    return bool(
        (settings.FEDERATION_SAML_METADATA_URL or settings.FEDERATION_SAML_METADATA_FILE)
        and settings.FEDERATION_SAML_METADATA_CERT
        and settings.FEDERATION_SAML_IDPS
    )


def identity_providers() -> dict[str, dict]:
    """The accepted identity providers by entity id, each with its name and assurance."""
    return settings.FEDERATION_SAML_IDPS if is_enabled() else {}


def accepted_levels(entity_id: str) -> list[str]:
    return identity_providers().get(entity_id, {}).get("assurance", [])


def verified_metadata(document: bytes, cert_file: str) -> bytes:
    """Return the metadata if the federation signed the whole of it; else raise SignatureError.

    pysaml2 alone accepts unsigned metadata even when given a certificate, and a signature
    over only a part of the document would let the rest be forged, so the signature must
    be the root's own, cover the root, and be the first in the document: xmlsec verifies
    the first one it meets.
    """
    root = ElementTree.fromstring(document)
    node_name = _METADATA_ROOTS.get(root.tag)
    signature = root.find(f"{_DSIG}Signature")
    first = next(root.iter(f"{_DSIG}Signature"), None)
    if node_name is None or signature is None or first is not signature:
        raise SignatureError("The metadata has no signature of its own.")
    references = signature.findall(f"{_DSIG}SignedInfo/{_DSIG}Reference")
    root_id = root.get("ID")
    if not root_id or [reference.get("URI") for reference in references] != [f"#{root_id}"]:
        raise SignatureError("The metadata's signature does not cover the whole document.")
    security = SecurityContext(CryptoBackendXmlSec1(get_xmlsec_binary()))
    if not security.verify_signature(
        document, cert_file=cert_file, node_name=node_name, node_id=root_id
    ):
        raise SignatureError("The metadata's signature does not verify.")
    return document


def _fetch_metadata() -> bytes:
    if settings.FEDERATION_SAML_METADATA_URL:
        response = requests.get(settings.FEDERATION_SAML_METADATA_URL, timeout=30)
        response.raise_for_status()
        return response.content
    return Path(settings.FEDERATION_SAML_METADATA_FILE).read_bytes()


class _Loaded:
    """The last verified metadata and the configuration built on it, kept in the process:
    a federation's metadata runs to megabytes, too much to fetch and parse per request."""

    digest = ""
    config: SPConfig | None = None
    loaded_at = 0.0
    source: tuple = ()


def sp_config(request=None) -> SPConfig:
    """djangosaml2's configuration loader (SAML_CONFIG_LOADER)."""
    if not is_enabled():
        raise ImproperlyConfigured("Single sign-on over SAML is not configured.")
    source = (
        settings.FEDERATION_SAML_METADATA_URL,
        settings.FEDERATION_SAML_METADATA_FILE,
        settings.FEDERATION_SAML_METADATA_CERT,
        repr(settings.FEDERATION_SAML_IDPS),
        settings.FEDERATION_SAML_ENTITY_ID,
        settings.SITE_URL,
    )
    fresh = time.monotonic() - _Loaded.loaded_at < settings.FEDERATION_SAML_METADATA_MAX_AGE
    if _Loaded.config is not None and fresh and _Loaded.source == source:
        return _Loaded.config
    document = verified_metadata(_fetch_metadata(), settings.FEDERATION_SAML_METADATA_CERT)
    digest = hashlib.sha256(document).hexdigest()
    if _Loaded.config is None or digest != _Loaded.digest or _Loaded.source != source:
        _Loaded.config = _build_config(document)
        _Loaded.digest = digest
    _Loaded.loaded_at = time.monotonic()
    _Loaded.source = source
    return _Loaded.config


def _build_config(document: bytes) -> SPConfig:
    acs = settings.SITE_URL + reverse("federation:saml_acs")
    sp = {
        "name": "Lotsen",
        "endpoints": {"assertion_consumer_service": [(acs, BINDING_HTTP_POST)]},
        "allow_unsolicited": False,
        "want_assertions_signed": True,
        "want_response_signed": False,
        "required_attributes": [settings.FEDERATION_SAML_LINK_ATTRIBUTE],
        "idp": list(settings.FEDERATION_SAML_IDPS),
    }
    config = {
        "entityid": settings.FEDERATION_SAML_ENTITY_ID,
        "xmlsec_binary": get_xmlsec_binary(),
        "allow_unknown_attributes": True,
        "service": {"sp": sp},
        "metadata": {"inline": [document.decode()]},
    }
    if settings.FEDERATION_SAML_KEY_FILE and settings.FEDERATION_SAML_CERT_FILE:
        keys = {"key_file": settings.FEDERATION_SAML_KEY_FILE}
        keys["cert_file"] = settings.FEDERATION_SAML_CERT_FILE
        config.update(keys, encryption_keypairs=[keys])
        sp["authn_requests_signed"] = True
    conf = SPConfig()
    conf.load(config)
    return conf


class LinkingSaml2Backend(Saml2Backend):
    """Admit a person only from an accepted identity provider and only as the existing
    user with the linking attribute's address; never create or change a user."""

    def is_authorized(self, attributes, attribute_mapping, idp_entityid, assertion_info, **kw):
        return idp_entityid in identity_providers()

    def get_or_create_user(self, user_lookup_key, user_lookup_value, create_unknown_user, **kw):
        # djangosaml2's own version logs the address of a person it does not find.
        user = self._user_model.objects.filter(email__iexact=user_lookup_value).first()
        return user, False

    def _update_user(self, user, attributes, attribute_mapping, force_save=False):
        return user
