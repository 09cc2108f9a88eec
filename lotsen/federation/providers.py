"""The identity providers a person may sign in with, as the login page lists them."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from . import saml


@dataclass(frozen=True)
class LoginChoice:
    name: str
    url: str
    # OIDC logins start with a POST, so that no other site can start one for the visitor.
    method: str = "get"


def login_choices() -> list[LoginChoice]:
    login = reverse("federation:saml_login")
    return [
        LoginChoice(
            name=idp.get("name") or entity_id, url=f"{login}?{urlencode({'idp': entity_id})}"
        )
        for entity_id, idp in saml.identity_providers().items()
    ]
