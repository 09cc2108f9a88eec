"""The demo world's stand-in for a broker of e-legitimation (BankID, Freja eID).

An OpenID Connect provider small enough to read in one sitting: discovery, a page where
the visitor says whose personnummer to sign in with, the authorization code, the token
with an ID token carrying the oidc.se personnummer claim at LoA 3, and userinfo. It
answers 404 unless `DEMO_IDENTITY_PROVIDER` is on, which the settings allow only with
DEBUG, so that no production Lotsen ever believes it (decision 0203); its entry in
FEDERATION_OIDC_PROVIDERS, made by the settings too, is the one place of its client and
secret. Codes and tokens live for minutes in
the cache; the ID token is signed with the client's secret (HS256, which OpenID Connect
Core allows for a confidential client), so no key pair needs keeping.
"""

import base64
import secrets
import time
from functools import wraps
from urllib.parse import urlencode

import jwt
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lotsen.federation.oidc import PERSONAL_IDENTITY_NUMBER
from lotsen.placements.identity import parse_identity_number
from lotsen.placements.models import Participant, Placement

PROVIDER_ID = "demo-e-legitimation"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"
LIFETIME_SECONDS = 300


def _provider() -> dict:
    """This provider's entry in FEDERATION_OIDC_PROVIDERS: issuer, client and secret."""
    for provider in settings.FEDERATION_OIDC_PROVIDERS:
        if provider["id"] == PROVIDER_ID:
            return provider
    raise Http404


def issuer() -> str:
    return _provider()["issuer"]


def _enabled(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.DEMO_IDENTITY_PROVIDER:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


@_enabled
def discovery(request):
    base = issuer()
    return JsonResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "userinfo_endpoint": f"{base}/userinfo",
            "jwks_uri": f"{base}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["HS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
            "claims_supported": ["sub", "acr", PERSONAL_IDENTITY_NUMBER],
        }
    )


class DemoIdentityForm(forms.Form):
    personal_identity_number = forms.CharField(
        label=_("Personnummer"), max_length=13, help_text=_("Twelve digits, e.g. 198503121234.")
    )

    def clean_personal_identity_number(self) -> str:
        value = self.cleaned_data["personal_identity_number"].replace("-", "").strip()
        if not (len(value) == 12 and value.isdigit()):
            raise ValidationError(_("Write the personnummer with twelve digits."), code="digits")
        try:
            parse_identity_number(f"{value[:8]}-{value[8:]}")
        except ValidationError as error:
            raise ValidationError(error.messages, code="invalid") from error
        return value


def _suggestions() -> list[tuple[str, str]]:
    """Demo participants with a placement under way: whom a visitor might sign in as."""
    participants = (
        Participant.objects.filter(
            consent_given=True,
            identity__erased_at__isnull=True,
            referrals__placements__status__in=Placement.CURRENT,
        )
        .select_related("identity")
        .distinct()
        .order_by("code")[:5]
    )
    return [
        (participant.identity.identity_number.replace("-", ""), participant.code)
        for participant in participants
    ]


@_enabled
def authorize(request):
    """Ask which person signs in, then send the code back to Lotsen's callback only."""
    params = request.POST if request.method == "POST" else request.GET
    callback = request.build_absolute_uri(
        reverse("openid_connect_callback", kwargs={"provider_id": PROVIDER_ID})
    )
    client_id = _provider()["client_id"]
    if params.get("client_id") != client_id or params.get("redirect_uri") != callback:
        return HttpResponseBadRequest("unauthorized_client")
    form = DemoIdentityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = secrets.token_urlsafe()
        cache.set(
            f"demo-idp-code:{code}",
            {
                "number": form.cleaned_data["personal_identity_number"],
                "nonce": params.get("nonce", ""),
                "redirect_uri": callback,
            },
            LIFETIME_SECONDS,
        )
        query = urlencode({"code": code, "state": params.get("state", "")})
        return HttpResponseRedirect(f"{callback}?{query}")
    keep = {
        name: params.get(name, "")
        for name in ("client_id", "redirect_uri", "state", "nonce", "scope", "response_type")
    }
    return render(
        request,
        "demo/identity_provider.html",
        {"form": form, "keep": keep, "suggestions": _suggestions()},
    )


def _client(request) -> tuple[str, str]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Basic "):
        user, _sep, secret = base64.b64decode(header[6:]).decode().partition(":")
        return user, secret
    return request.POST.get("client_id", ""), request.POST.get("client_secret", "")


@csrf_exempt
@_enabled
@require_POST
def token(request):
    grant = cache.get(f"demo-idp-code:{request.POST.get('code', '')}")
    provider = _provider()
    if grant is None or _client(request) != (provider["client_id"], provider["secret"]):
        return JsonResponse({"error": "invalid_grant"}, status=400)
    cache.delete(f"demo-idp-code:{request.POST.get('code', '')}")
    if request.POST.get("redirect_uri") != grant["redirect_uri"]:
        return JsonResponse({"error": "invalid_grant"}, status=400)
    claims = {"sub": f"demo-{grant['number']}", PERSONAL_IDENTITY_NUMBER: grant["number"]}
    access_token = secrets.token_urlsafe()
    cache.set(f"demo-idp-token:{access_token}", claims, LIFETIME_SECONDS)
    now = int(time.time())
    id_token = {
        **claims,
        "iss": issuer(),
        "aud": provider["client_id"],
        "iat": now,
        "exp": now + LIFETIME_SECONDS,
        "acr": LOA3,
    }
    if grant["nonce"]:
        id_token["nonce"] = grant["nonce"]
    return JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": LIFETIME_SECONDS,
            "id_token": jwt.encode(id_token, provider["secret"], algorithm="HS256"),
        }
    )


@_enabled
def userinfo(request):
    access_token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = cache.get(f"demo-idp-token:{access_token}")
    if claims is None:
        return JsonResponse({"error": "invalid_token"}, status=401)
    return JsonResponse(claims)


@_enabled
def jwks(request):
    # The ID token is signed with the client's secret, which is published nowhere.
    return JsonResponse({"keys": []})
