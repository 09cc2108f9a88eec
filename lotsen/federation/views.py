"""The SAML endpoints: djangosaml2's views, answering 404 while SAML is not configured."""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import auth
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from djangosaml2 import views as saml_views

from lotsen.accounts.receivers import mail_about_sign_in

from . import saml
from .services import federated_login_accept, federated_login_refuse

logger = logging.getLogger(__name__)


def _only_when_enabled(view):
    """Answer 404 while SAML is off, and a page that says so while the federation's
    metadata cannot be had or trusted, rather than failing."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not saml.is_enabled():
            raise Http404
        try:
            saml.sp_config()
        except saml.METADATA_ERRORS:
            logger.exception("The federation's metadata cannot be used.")
            return render(request, "federation/unavailable.html", status=503)
        return view(request, *args, **kwargs)

    return guarded


def refused(request, *, message: str = "", for_participants: bool = False):
    """The page of a person whom no identity provider's answer let in; a participant's
    refusal says why in the linker's words, and speaks of no coordinator's account."""
    context = {"message": message, "for_participants": for_participants}
    return render(request, "federation/refused.html", context, status=403)


class LoginView(saml_views.LoginView):
    """Send the person to the identity provider they chose, one of the accepted ones only:
    the federation's metadata names many more, which must never be offered or asked."""

    def get(self, request, *args, **kwargs):
        providers = saml.identity_providers()
        chosen = request.GET.get("idp") or (next(iter(providers)) if len(providers) == 1 else "")
        if chosen not in providers:
            raise Http404
        request.GET = request.GET.copy()
        request.GET["idp"] = chosen
        return super().get(request, *args, **kwargs)


class AssertionConsumerServiceView(saml_views.AssertionConsumerServiceView):
    """Receive the identity provider's answer; record and audit the login or its refusal."""

    def post(self, request, *args, **kwargs):
        link = {settings.FEDERATION_SAML_LINK_ATTRIBUTE: ("email",)}
        return super().post(request, attribute_mapping=link, create_unknown_user=False)

    def authenticate_user(self, request, session_info, attribute_mapping, *args):
        # djangosaml2's own version logs the assertion's attributes, a person's address.
        user = auth.authenticate(
            request=request, session_info=session_info, attribute_mapping=attribute_mapping
        )
        if user is None:
            raise PermissionDenied("No linked user.")
        auth.login(request, user)
        self.post_login_hook(request, user, session_info)
        mail_about_sign_in(request, user)
        return user

    def post_login_hook(self, request, user, session_info: dict) -> None:
        provider = session_info["issuer"]
        federated_login_accept(
            request=request,
            user=user,
            provider=provider,
            level=_assurance_level(session_info),
            accepted_levels=saml.accepted_levels(provider),
        )

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        session_info = kwargs.get("session_info")
        if session_info is None:
            federated_login_refuse(provider="", reason="single sign-on refused: response not valid")
        elif session_info["issuer"] not in saml.identity_providers():
            federated_login_refuse(
                provider=session_info["issuer"],
                reason="single sign-on refused: identity provider not accepted",
            )
        else:
            federated_login_refuse(
                provider=session_info["issuer"], reason="single sign-on refused: no linked user"
            )
        return refused(request)


def _assurance_level(session_info: dict) -> str:
    """The AuthnContextClassRef of the assertion's authentication statement."""
    for class_ref, *_rest in session_info.get("authn_info") or []:
        if class_ref:
            return class_ref
    return ""


login = _only_when_enabled(LoginView.as_view())
acs = _only_when_enabled(AssertionConsumerServiceView.as_view())
metadata = _only_when_enabled(saml_views.MetadataView.as_view())
