"""The coordinator's pages for the parties' API keys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.steps import take_step

from . import policies, services
from .forms import ApiKeyForm
from .models import ApiKey


def _require_manager(request) -> None:
    if not policies.can_manage_api_keys(request.user):
        raise PermissionDenied


@login_required
def key_list(request):
    _require_manager(request)
    keys = policies.api_keys_visible_to(
        request.user,
        ApiKey.objects.select_related("identity__organisation", "created_by", "revoked_by"),
    ).order_by("identity__organisation__name", "-created_at")
    page = Paginator(keys, 50).get_page(request.GET.get("page"))
    return render(request, "integrations/key_list.html", {"page": page})


@login_required
def key_create(request):
    _require_manager(request)
    form = ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = take_step(
            request,
            lambda: services.api_key_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
            ),
        )
        if made:
            key, secret = made.result
            # Shown on this answer only: never stored, never cached, never in a redirect.
            response = render(
                request, "integrations/key_created.html", {"key": key, "secret": secret}
            )
            add_never_cache_headers(response)
            return response
    return render(request, "integrations/key_form.html", {"form": form})


@login_required
@require_POST
def key_revoke(request, pk: int):
    _require_manager(request)
    key = get_object_or_404(policies.api_keys_visible_to(request.user, ApiKey.objects), pk=pk)
    if take_step(request, lambda: services.api_key_revoke(actor=request.user, key=key)):
        messages.success(
            request,
            _("The key %(prefix)s is revoked. It no longer opens the API.")
            % {"prefix": key.prefix},
        )
    return redirect("integrations:key_list")
