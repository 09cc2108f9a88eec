"""allauth's social account adapter for OpenID Connect logins (decision 0190)."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter

from . import oidc
from .services import federated_login_accept, federated_login_refuse
from .views import refused


class FederationSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        return apps + [
            app
            for app in oidc.social_apps()
            if provider in (None, app.provider, app.provider_id)
            and client_id in (None, app.client_id)
        ]

    def is_open_for_signup(self, request, sociallogin) -> bool:
        # A federated login only ever links to a user the coordinator has added.
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        """Link the login to its existing user, or refuse it; record its assurance before
        allauth's login stages, so that an accepted level spares the TOTP step."""
        app = sociallogin.account.get_provider().app
        claims = oidc.Claims.of(sociallogin.account.extra_data)
        if oidc.is_for_participants(app):
            user = self._participant(request, sociallogin, app, claims)
        elif sociallogin.is_existing:
            user = sociallogin.user
        else:
            user = oidc.linked_user(claims, app.settings.get("link_claim", "email"))
            if user is None:
                federated_login_refuse(
                    provider=app.provider_id, reason="single sign-on refused: no linked user"
                )
                raise ImmediateHttpResponse(refused(request))
            sociallogin.connect(request, user)
        federated_login_accept(
            request=request,
            user=user,
            provider=app.provider_id,
            level=claims.acr,
            accepted_levels=app.settings.get("assurance", []),
        )

    def _participant(self, request, sociallogin, app, claims):
        """The participant's own user, checked again at every login (decision 0203)."""
        login = oidc.ParticipantLogin(
            claims=claims,
            link_claim=app.settings["link_claim"],
            level=claims.acr,
            accepted_levels=app.settings.get("assurance", []),
            earlier_user=sociallogin.user if sociallogin.is_existing else None,
        )
        try:
            user = oidc.participant_user(login)
        except oidc.LoginRefused as refusal:
            federated_login_refuse(provider=app.provider_id, reason=refusal.reason)
            raise ImmediateHttpResponse(
                refused(request, message=refusal.message, for_participants=True)
            ) from refusal
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
        return user
