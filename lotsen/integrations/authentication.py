"""The partner API's door: a bearer API key, turned into the party's service identity."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from . import services


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer lotsen_<prefix>_<secret>`; the request's user is the party's
    service identity and `request.auth` the key. A refused key answers 401 (the view
    audits it, as every call)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Bearer <key>”."), code="malformed_key"
            )
        key = services.api_key_authenticate(header[1])
        if key is None:
            raise exceptions.AuthenticationFailed(
                _("The API key is unknown, revoked or expired."), code="invalid_key"
            )
        return key.identity.user, key

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 with WWW-Authenticate rather than 403 (RFC 6750).
        return f'{self.keyword} realm="partner"'


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "partnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "lotsen_<prefix>_<secret>",
            "description": "A key of the party, made by the coordinator (docs/api.md).",
        }
