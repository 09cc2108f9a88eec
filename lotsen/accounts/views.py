from allauth.mfa.models import Authenticator
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import second_factor


@login_required
def security(request):
    """The user's own door: password, second factors and sessions, each a step away."""
    kinds = set(Authenticator.objects.filter(user=request.user).values_list("type", flat=True))
    return render(
        request,
        "accounts/security.html",
        {
            "has_totp": Authenticator.Type.TOTP in kinds,
            "has_passkey": Authenticator.Type.WEBAUTHN in kinds,
            "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in kinds,
            "second_factor_required": second_factor.is_required(request.user),
        },
    )
