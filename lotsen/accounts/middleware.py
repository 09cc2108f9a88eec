"""The door of a session: a second factor first, then limits on how long it lasts."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import second_factor

# What a user who has still to pass the second factor may reach: signing out, choosing
# the language, and allauth's pages that enrol an authenticator or ask for its code.
OPEN_BEFORE_SECOND_FACTOR = {"account_logout", "account_reauthenticate", "set_language"}
SECOND_FACTOR_PAGES_PREFIX = "mfa_"

SIGNED_IN_AT = "lotsen_signed_in_at"
LAST_SEEN = "lotsen_last_seen"
# The last-seen time is written at most this often, not on every request.
LAST_SEEN_RESOLUTION_SECONDS = 60


def start_session_clock(request) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class SecondFactorRequiredMiddleware:
    """A user who must pass a second factor is sent to it before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if not user.is_authenticated or match is None:
            return None
        name = match.url_name or ""
        if name in OPEN_BEFORE_SECOND_FACTOR or name.startswith(SECOND_FACTOR_PAGES_PREFIX):
            return None
        on_admin_site = "admin" in match.namespaces
        if not second_factor.is_required(user, on_admin_site=on_admin_site):
            return None
        if second_factor.has_second_factor(request):
            return None
        if second_factor.has_authenticator(user):
            target = "mfa_reauthenticate"
            message = _("Confirm that it is you with your second factor.")
        else:
            target = "mfa_activate_totp"
            message = _(
                "You can see information about people, so Lotsen asks for a second factor "
                "each time you sign in. Set up an authenticator app before you go on."
            )
        if request.method == "GET":
            messages.info(request, message)
        query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(f"{reverse(target)}?{query}")


class SessionLimitsMiddleware:
    """Roles that see people are signed out when idle, and some hours after signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and second_factor.sees_people(user):
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_IDLE_MINUTES * 60
            expired = now - signed_in_at > settings.SESSION_ABSOLUTE_HOURS * 3600
            if idle or expired:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES}
                    if idle
                    else _("You were signed out %(hours)s hours after signing in.")
                    % {"hours": settings.SESSION_ABSOLUTE_HOURS},
                )
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
