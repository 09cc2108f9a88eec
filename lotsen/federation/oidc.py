"""OpenID Connect providers from the settings, and who their claims link to (decision 0190).

Each provider in FEDERATION_OIDC_PROVIDERS becomes an allauth `openid_connect` app. The
person is linked by the claim the provider's `link_claim` names: `email` only while
`email_verified` is true; another claim is a verified address by the provider's word.

A provider marked `"participants": true` signs in participants instead of staff: its
login is linked by the personnummer claim, which only the participant's page knows how
to match (decision 0203). That app sits above the federation (decision 0195), so it
registers its linker here with `register_participant_linker`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model

OPENID_CONNECT = "openid_connect"
# The personnummer claim of the Swedish OIDC profile (oidc.se, "Attribute Specification
# for the Swedish OpenID Connect Profile"), as Sweden Connect and the brokers of BankID
# and Freja eID send it: twelve digits.
PERSONAL_IDENTITY_NUMBER = "https://id.oidc.se/claim/personalIdentityNumber"


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


class LoginRefused(Exception):
    """A login a linker will not let in: `message` for the person, `reason` for the trail."""

    def __init__(self, message: str, reason: str):
        super().__init__(reason)
        self.message, self.reason = message, reason


@dataclass(frozen=True)
class ParticipantLogin:
    """A participant's login as the provider answered it, for the participant linker."""

    claims: Claims
    link_claim: str
    level: str
    accepted_levels: list[str]
    # The user an earlier login at this provider was linked to, if any.
    earlier_user: object | None


ParticipantLinker = Callable[[ParticipantLogin], object]
_participant_linkers: list[ParticipantLinker] = []


def register_participant_linker(linker: ParticipantLinker) -> None:
    """Let `linker` turn a participant's login into their user, or raise LoginRefused."""
    if linker not in _participant_linkers:
        _participant_linkers.append(linker)


def participant_user(login: ParticipantLogin):
    """The user the registered linker gives this participant's login."""
    if not _participant_linkers:
        raise LoginRefused("", "single sign-on refused: participants cannot sign in")
    return _participant_linkers[-1](login)


def is_for_participants(app) -> bool:
    return bool(app.settings.get("participants"))


def social_apps():
    """The providers of FEDERATION_OIDC_PROVIDERS as allauth apps, read when asked."""
    from allauth.socialaccount.models import SocialApp

    apps = []
    for provider in settings.FEDERATION_OIDC_PROVIDERS:
        app_settings = {
            "server_url": provider["issuer"],
            "assurance": provider.get("assurance", []),
            "link_claim": provider.get(
                "link_claim", PERSONAL_IDENTITY_NUMBER if provider.get("participants") else "email"
            ),
            "participants": bool(provider.get("participants")),
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
