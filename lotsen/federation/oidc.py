"""OpenID Connect providers from the settings, and who their claims link to (decision 0190).

Each provider in FEDERATION_OIDC_PROVIDERS becomes an allauth `openid_connect` app. The
person is linked by the claim the provider's `link_claim` names: `email` only while
`email_verified` is true; another claim is a verified address by the provider's word.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

OPENID_CONNECT = "openid_connect"


@dataclass(frozen=True)
class Claims:
    """What a provider said about the person, from its ID token and its userinfo."""

    id_token: dict
    userinfo: dict

    @classmethod
    def of(cls, extra_data: dict) -> "Claims":
        return cls(
            id_token=extra_data.get("id_token") or {},
            userinfo=extra_data.get("userinfo") or {},
        )

    def get(self, name: str):
        return self.userinfo.get(name, self.id_token.get(name))

    @property
    def acr(self) -> str:
        # The assurance of this authentication is the ID token's to state.
        return str(self.id_token.get("acr") or "")


def social_apps():
    """The providers of FEDERATION_OIDC_PROVIDERS as allauth apps, read when asked."""
    from allauth.socialaccount.models import SocialApp

    apps = []
    for provider in settings.FEDERATION_OIDC_PROVIDERS:
        app_settings = {
            "server_url": provider["issuer"],
            "assurance": provider.get("assurance", []),
            "link_claim": provider.get("link_claim", "email"),
        }
        if provider.get("acr_values"):
            app_settings["auth_params"] = {"acr_values": " ".join(provider["acr_values"])}
        apps.append(
            SocialApp(
                provider=OPENID_CONNECT,
                provider_id=provider["id"],
                name=provider.get("name", provider["id"]),
                client_id=provider["client_id"],
                secret=provider.get("secret", ""),
                settings=app_settings,
            )
        )
    return apps


def linked_user(claims: Claims, link_claim: str):
    """The existing active user whose address the claim holds, or None."""
    if link_claim == "email" and claims.get("email_verified") not in (True, "true"):
        return None
    address = claims.get(link_claim)
    if not isinstance(address, str) or "@" not in address:
        return None
    return get_user_model().objects.filter(email__iexact=address.strip(), is_active=True).first()
