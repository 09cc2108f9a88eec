"""The time bank: the accounts, their ledgers and the yearly grants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotsen.core.steps import step_into_form

from .. import policies, services
from ..forms import GrantForm
from ..models import TimeBankAccount


@login_required
def timebank(request):
    if not policies.can_view_time_bank(request.user):
        raise PermissionDenied
    accounts = TimeBankAccount.objects.visible_to(request.user).select_related(
        "enterprise", "offer", "offer__provider", "area"
    )
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "support/timebank.html",
        {"page": page, "can_grant": policies.can_grant_hours(request.user)},
    )


@login_required
def timebank_account(request, pk):
    account = get_object_or_404(
        TimeBankAccount.objects.visible_to(request.user).select_related(
            "enterprise", "offer", "area"
        ),
        pk=pk,
    )
    entries = account.entries.select_related("request", "actor")
    return render(
        request, "support/timebank_account.html", {"account": account, "entries": entries}
    )


@login_required
def timebank_grant(request):
    if not policies.can_grant_hours(request.user):
        raise PermissionDenied
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        granted = step_into_form(
            form,
            None,
            lambda: services.time_bank_grant(
                enterprise=data["enterprise"],
                year=data["year"],
                hours=data["hours"],
                actor=request.user,
                reason=data["reason"],
                offer=data["offer"],
                area=data["area"],
            ),
        )
        if granted:
            messages.success(request, _("The hours were granted."))
            return redirect(granted.result.account)
    return render(request, "support/timebank_grant.html", {"form": form})
