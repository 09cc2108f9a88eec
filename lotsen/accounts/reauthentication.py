"""The most sensitive acts need a fresh sign-in: password and second factor, both recent.

Revealing identity data by search, the register extract and changing a user's roles
ask again when either step is older than ACCOUNT_REAUTHENTICATION_TIMEOUT (five
minutes); allauth's pages take the password and the code, then come back (decision 0188).
A user who signs in only through an identity provider has no password here: the second
factor alone is asked again.
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import second_factor


def _recent_steps(request) -> set[str]:
    return second_factor.steps_since(
        request, settings.ACCOUNT_REAUTHENTICATION_TIMEOUT, now=time.time()
    )


def password_step_is_fresh(request) -> bool:
    return request.user.is_authenticated and "first" in _recent_steps(request)


def missing_steps(request) -> list[str]:
    """The sign-in steps to take again, first factor first."""
    recent = _recent_steps(request)
    missing = []
    if "first" not in recent and request.user.has_usable_password():
        missing.append("account_reauthenticate")
    if "second" not in recent and second_factor.has_authenticator(request.user):
        missing.append("mfa_reauthenticate")
    return missing


def demand_fresh_sign_in(request, *, back_to: str | None = None):
    """A redirect to the next step to take again, or None when the sign-in is fresh.

    A posted form cannot be carried through the steps: the user comes back to
    `back_to` (the page of the form) and sends it again.
    """
    missing = missing_steps(request)
    if not missing:
        return None
    messages.info(request, _("For this, confirm that it is you: your password and your code."))
    next_url = back_to or request.get_full_path()
    return redirect(f"{reverse(missing[0])}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


def fresh_sign_in_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return demand_fresh_sign_in(request) or view(request, *args, **kwargs)

    return wrapper
