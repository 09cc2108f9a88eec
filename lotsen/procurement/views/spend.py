"""Awards, a buyer's purchases from social enterprises, and the open data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotsen.core import opendata as core_opendata
from lotsen.core.steps import step_into_form

from .. import ocds
from ..forms.spend import AwardForm, PurchaseFilterForm, PurchaseForm
from ..models import Opportunity, Purchase
from ..policies import spend as policies
from ..spend import award_targets, record_awards


@login_required
def award(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.visible_to(request.user).select_related("buyer"), slug=slug
    )
    if not policies.can_record_awards(request.user, opportunity):
        raise Http404
    closed = opportunity.status == Opportunity.Status.CLOSED
    if request.method == "POST" and not closed:
        messages.error(
            request, _("Awards can only be recorded once the opportunity is closed for tenders.")
        )
        return redirect("procurement:award", opportunity.slug)
    forms = []
    if closed:
        forms = [
            AwardForm(
                request.POST or None,
                prefix=f"lot-{lot.number}" if lot else "award",
                opportunity=opportunity,
                lot=lot,
            )
            for lot in award_targets(opportunity)
        ]
    # Every form is checked, so that each lot shows its own errors at once.
    valid = [form.is_valid() for form in forms]
    if request.method == "POST" and all(valid):
        recorded = step_into_form(
            forms[0],
            None,
            lambda: record_awards(
                opportunity, [form.save(commit=False) for form in forms], actor=request.user
            ),
        )
        if recorded:
            messages.success(request, _("The award was recorded."))
            return redirect("procurement:award", opportunity.slug)
    awards = opportunity.awards.select_related("lot", "supplier", "consortium")
    return render(
        request,
        "procurement/spend/award.html",
        {
            "opportunity": opportunity,
            "forms": forms,
            "awards": awards,
            "has_errors": any(form.errors for form in forms),
        },
    )


@login_required
def purchases(request):
    if not policies.can_record_purchases(request.user):
        raise PermissionDenied
    rows = policies.purchases_visible_to(request.user, Purchase.objects.all())
    form = PurchaseFilterForm(request.GET)
    rows = form.filter(rows)
    years = (
        rows.order_by()
        .values("year")
        .annotate(total=Sum("amount"), rows=Count("pk"))
        .order_by("-year")
    )
    page = Paginator(
        rows.select_related("buyer", "supplier").order_by("-year", "buyer__name", "supplier__name"),
        50,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/spend/purchases.html",
        {"form": form, "page": page, "years": years},
    )


@login_required
def purchase_edit(request, pk=None):
    if not policies.can_record_purchases(request.user):
        raise PermissionDenied
    purchase = None
    if pk is not None:
        purchase = get_object_or_404(
            policies.purchases_visible_to(request.user, Purchase.objects.all()), pk=pk
        )
    form = PurchaseForm(
        request.POST or None,
        instance=purchase,
        buyers=policies.purchase_buyers_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        purchase = form.save(commit=False)
        purchase.recorded_by = request.user
        purchase.save()
        messages.success(request, _("The purchase was saved."))
        return redirect("procurement:purchases")
    return render(
        request, "procurement/spend/purchase_form.html", {"form": form, "purchase": purchase}
    )


def ocds_package(request):
    package = ocds.release_package(request, ocds.public_opportunities())
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return core_opendata.described_by(response, ocds.PACKAGE_SCHEMA, core_opendata.JSON_SCHEMA)
