"""Identity providers that the tests start themselves, served from a thread on localhost.

`SamlFederation` is a federation with one member, a pysaml2 identity provider: it
publishes the federation's metadata signed with the federation's own key, as Sambi does,
and answers an authentication request with a signed assertion for whoever the test says
is signing in. `OidcProvider` is an OpenID Connect provider as a broker of e-legitimation
runs one: discovery, authorization code, token with a signed ID token, userinfo. The keys
are made afresh for each test session.
"""

import base64
import datetime
import html
import json
import re
import secrets
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode
from wsgiref.simple_server import WSGIRequestHandler, make_server

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import Config, IdPConfig
from saml2.metadata import entities_descriptor, entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_TRANSIENT
from saml2.server import Server
from saml2.sigver import get_xmlsec_binary, security_context
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
LOA2 = "http://id.elegnamnden.se/loa/1.0/loa2"
FORM_FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def key_pair(directory: Path, name: str) -> tuple[str, str]:
    """A new RSA key and a self-signed certificate for it, as files; valid for years either
    side of today, so that a test run with the clock moved still finds them valid."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=3650))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class ThreadServer:
    """A WSGI application served on a free port of localhost until `stop`."""

    def __init__(self, application):
        self.httpd = make_server("127.0.0.1", 0, application, handler_class=_Quiet)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class SamlFederation(ThreadServer):
    def __init__(self, directory: Path):
        self.directory = directory
        self.federation_key, self.federation_cert = key_pair(directory, "federation")
        self.idp_key, self.idp_cert = key_pair(directory, "idp")
        super().__init__(self.application)
        self.entity_id = f"{self.url}/idp"
        self.metadata_url = f"{self.url}/metadata"
        self.idp: Server | None = None
        self.sign_in_as("")

    def sign_in_as(self, mail: str, level: str = LOA3, forged_mail: str = "") -> None:
        """Who the identity provider vouches for next, at which assurance level;
        `forged_mail` replaces the address in the signed answer, as an attacker would."""
        self.mail, self.level, self.forged_mail = mail, level, forged_mail

    def trust(self, service_provider_metadata: bytes) -> None:
        """Register the service provider, as the federation does through its metadata."""
        config = self._config()
        config["metadata"] = {"inline": [service_provider_metadata.decode()]}
        self.idp = Server(config=IdPConfig().load(config))

    def _config(self) -> dict:
        return {
            "entityid": self.entity_id,
            "xmlsec_binary": get_xmlsec_binary(),
            "key_file": self.idp_key,
            "cert_file": self.idp_cert,
            "service": {
                "idp": {
                    "name": "Testkommunen",
                    "endpoints": {
                        "single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                    "policy": {"default": {"name_form": NAME_FORMAT_URI}},
                }
            },
        }

    def signed_metadata(self, entity_id: str = "") -> bytes:
        """The federation's metadata naming this identity provider, signed by the federation."""
        own = IdPConfig().load(self._config())
        federation = Config().load(
            {
                "xmlsec_binary": get_xmlsec_binary(),
                "key_file": self.federation_key,
                "cert_file": self.federation_cert,
            }
        )
        _descriptor, document = entities_descriptor(
            [entity_descriptor(own)],
            valid_for=24,
            name="urn:test:federation",
            ident="federation-metadata",
            sign=True,
            secc=security_context(federation),
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        return document.encode()

    def application(self, environ, start_response):
        if environ["PATH_INFO"] == "/metadata":
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [self.signed_metadata()]
        if environ["PATH_INFO"] == "/sso":
            query = {key: values[0] for key, values in parse_qs(environ["QUERY_STRING"]).items()}
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [self._answer(query["SAMLRequest"], query.get("RelayState", "")).encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b""]

    def _answer(self, saml_request: str, relay_state: str) -> str:
        request = self.idp.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT).message
        arguments = self.idp.response_args(request)
        response = self.idp.create_authn_response(
            identity={"mail": [self.mail]},
            userid="a-person-at-the-municipality",
            authn={"class_ref": self.level, "authn_auth": self.entity_id},
            sign_assertion=True,
            sign_response=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            **arguments,
        )
        if self.forged_mail:
            response = response.replace(self.mail, self.forged_mail)
        posted = self.idp.apply_binding(
            BINDING_HTTP_POST, response, arguments["destination"], relay_state, response=True
        )
        return posted["data"]


def posted_form(page: str) -> dict[str, str]:
    """The hidden fields of the page a SAML POST binding sends the browser back with."""
    return {name: html.unescape(value) for name, value in FORM_FIELD.findall(page)}


class OidcProvider(ThreadServer):
    client_id = "lotsen"
    secret = "test-client-secret"

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        super().__init__(self.application)
        self.sign_in_as({})

    def sign_in_as(self, claims: dict, acr: str = LOA3) -> None:
        """Whom the provider vouches for next: their claims and the assurance level."""
        self.claims, self.acr = claims, acr

    def application(self, environ, start_response):
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/authorize": self._authorize,
            "/token": self._token,
            "/userinfo": self._userinfo,
            "/jwks": self._jwks,
        }
        route = routes.get(environ["PATH_INFO"])
        status, headers, body = route(environ) if route else ("404 Not Found", [], {})
        start_response(status, [("Content-Type", "application/json"), *headers])
        return [json.dumps(body).encode()]

    def _discovery(self, environ):
        return (
            "200 OK",
            [],
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )

    def _authorize(self, environ):
        query = {key: values[0] for key, values in parse_qs(environ["QUERY_STRING"]).items()}
        if query.get("client_id") != self.client_id:
            return "400 Bad Request", [], {"error": "unauthorized_client"}
        code = secrets.token_urlsafe()
        self.codes[code] = {
            "claims": dict(self.claims),
            "acr": self.acr,
            "nonce": query.get("nonce"),
            "redirect_uri": query["redirect_uri"],
        }
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return "302 Found", [("Location", target)], {}

    def _token(self, environ):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
        grant = self.codes.pop(form.get("code", ""), None)
        client = (form.get("client_id"), form.get("client_secret"))
        if grant is None or client != (self.client_id, self.secret):
            return "400 Bad Request", [], {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return "400 Bad Request", [], {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe()
        self.tokens[access_token] = grant["claims"]
        now = int(time.time())
        id_token = {
            **grant["claims"],
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "acr": grant["acr"],
        }
        if grant["nonce"]:
            id_token["nonce"] = grant["nonce"]
        return (
            "200 OK",
            [],
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": jwt.encode(id_token, self.key, algorithm="RS256", headers={"kid": "1"}),
            },
        )

    def _userinfo(self, environ):
        token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
        if token not in self.tokens:
            return "401 Unauthorized", [], {"error": "invalid_token"}
        return "200 OK", [], self.tokens[token]

    def _jwks(self, environ):
        numbers = self.key.public_key().public_numbers()
        return (
            "200 OK",
            [],
            {
                "keys": [
                    {
                        "kty": "RSA",
                        "kid": "1",
                        "alg": "RS256",
                        "use": "sig",
                        "n": _base64url(numbers.n),
                        "e": _base64url(numbers.e),
                    }
                ]
            },
        )


def _base64url(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
