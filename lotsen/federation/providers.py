"""The identity providers a person may sign in with, as the login page lists them."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from . import oidc, saml


@dataclass(frozen=True)
class LoginChoice:
    name: str
    url: str
    # allauth starts an OIDC login only on a POST, so no other site can start one.
    method: str = "get"


def login_choices(*, participants: bool = False) -> list[LoginChoice]:
    """The staff's choices, or with `participants` the providers of participants' logins."""
    if participants:
        return [_oidc_choice(app) for app in oidc.social_apps() if oidc.is_for_participants(app)]
    login = reverse("federation:saml_login")
    choices = [
        LoginChoice(
            name=idp.get("name") or entity_id, url=f"{login}?{urlencode({'idp': entity_id})}"
        )
        for entity_id, idp in saml.identity_providers().items()
    ]
    choices.extend(
        _oidc_choice(app) for app in oidc.social_apps() if not oidc.is_for_participants(app)
    )
    return choices


def _oidc_choice(app) -> LoginChoice:
    return LoginChoice(
        name=app.name,
        url=reverse("openid_connect_login", kwargs={"provider_id": app.provider_id}),
        method="post",
    )
