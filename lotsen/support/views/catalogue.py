"""The catalogue of offers, and where it has gaps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotsen.core.models import SupportArea

from .. import policies
from ..forms import OfferFilterForm, OfferForm
from ..models import Offer, SupportRequest

Status = SupportRequest.Status


def catalogue(request):
    form = OfferFilterForm(request.GET or None)
    offers = Offer.objects.visible_to(request.user).select_related("provider", "area")
    if form.is_bound:
        offers = form.filter(offers) if form.is_valid() else offers.none()
    page = Paginator(offers, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "support/catalogue.html",
        {
            "form": form,
            "page": page,
            "can_create": policies.can_create_offer(request.user),
            "can_view_gaps": policies.can_view_gaps(request.user),
        },
    )


def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("provider", "area"), pk=pk
    )
    return render(
        request,
        "support/offer_detail.html",
        {"offer": offer, "can_edit": policies.can_edit_offer(request.user, offer)},
    )


@login_required
def offer_edit(request, pk=None):
    offer = None
    if pk is not None:
        offer = get_object_or_404(Offer.objects.visible_to(request.user), pk=pk)
        if not policies.can_edit_offer(request.user, offer):
            raise PermissionDenied
    elif not policies.can_create_offer(request.user):
        raise PermissionDenied
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid():
        offer = form.save()
        messages.success(request, _("The offer was saved."))
        return redirect(offer)
    return render(request, "support/offer_form.html", {"form": form, "offer": offer})


@login_required
def gaps(request):
    if not policies.can_view_gaps(request.user):
        raise PermissionDenied
    areas = SupportArea.objects.annotate(
        published_offers=Count("offers", filter=Q(offers__is_published=True), distinct=True),
        open_requests=Count(
            "requests", filter=Q(requests__status__in=Status.open_values()), distinct=True
        ),
    ).order_by("position")
    return render(request, "support/gaps.html", {"areas": areas})
