"""Buyers publish opportunities; everyone reads the published ones."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.public_url import public_url
from lotsen.core.steps import take_step
from lotsen.core.uploads import serve_file
from lotsen.core.workflow import available_actions

from ..forms.publishing import (
    DocumentForm,
    LotFormSet,
    OpportunityFilterForm,
    OpportunityForm,
    direct_award_limit,
)
from ..models import CpvCode, Opportunity
from ..policies import buyer_organisations, can_create_opportunity, can_edit_opportunity
from ..policies.matching import can_see_fit
from ..policies.publishing import can_list_own
from ..policies.spend import can_record_awards
from ..structured_data import opportunity_json_ld

PAGE_SIZE = 20
# Awarding is recorded with the award itself, by spend.
MOVES_HERE = frozenset(Opportunity.Status) - {Opportunity.Status.AWARDED}


def _visible(request, slug: str) -> Opportunity:
    return get_object_or_404(
        Opportunity.objects.visible_to(request.user).select_related("buyer", "main_cpv"),
        slug=slug,
    )


def _editable(request, slug: str) -> Opportunity:
    opportunity = _visible(request, slug)
    if not can_edit_opportunity(request.user, opportunity):
        raise PermissionDenied
    return opportunity


def opportunity_list(request):
    form = OpportunityFilterForm(request.GET)
    opportunities = form.filter(
        Opportunity.objects.visible_to(request.user)
        .public()
        .select_related("buyer", "main_cpv")
        .prefetch_related("municipalities")
    )
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/publishing/opportunity_list.html",
        {
            "form": form,
            "page": page,
            "searching": any(request.GET.get(name) for name in form.fields),
            "can_list_own": can_list_own(request.user),
        },
    )


@login_required
def my_opportunities(request):
    if not can_list_own(request.user):
        raise PermissionDenied
    opportunities = Opportunity.objects.visible_to(request.user).select_related("buyer")
    if buyer_organisations(request.user).exists():
        opportunities = opportunities.filter(buyer__in=buyer_organisations(request.user))
    page = Paginator(opportunities, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "procurement/publishing/my_opportunities.html", {"page": page})


def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.visible_to(request.user)
        .select_related("buyer", "main_cpv")
        .prefetch_related(
            Prefetch("additional_cpv", queryset=CpvCode.objects.order_by("code")),
            "municipalities",
            "lots",
            "documents",
        ),
        slug=slug,
    )
    user = request.user
    return render(
        request,
        "procurement/publishing/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "direct_award_limit": direct_award_limit(opportunity)
            if opportunity.kind == Opportunity.Kind.DIRECT_AWARD
            else None,
            "can_edit": can_edit_opportunity(user, opportunity),
            "moves": [
                action
                for action in available_actions(user, opportunity)
                if action.status in MOVES_HERE
            ],
            "history": opportunity.status_changes.select_related("actor"),
            "can_see_fit": can_see_fit(user, opportunity),
            # Only what the public may see is offered to search engines.
            "json_ld": opportunity_json_ld(opportunity, public_url(opportunity.get_absolute_url()))
            if opportunity.status != Opportunity.Status.DRAFT
            else None,
            "can_award": opportunity.status == Opportunity.Status.CLOSED
            and can_record_awards(user, opportunity),
        },
    )


@login_required
def opportunity_edit(request, slug=None):
    if slug:
        opportunity = _editable(request, slug)
    elif can_create_opportunity(request.user):
        opportunity = Opportunity(created_by=request.user)
    else:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = OpportunityForm(data, instance=opportunity, user=request.user)
    lots = LotFormSet(data, instance=opportunity, prefix="lots")
    # Both validated, so the lots show their errors alongside the opportunity's.
    if data is not None and all([form.is_valid(), lots.is_valid()]):
        with transaction.atomic():
            opportunity = form.save()
            lots.instance = opportunity
            lots.save()
        messages.success(request, _("The business opportunity was saved."))
        return redirect(opportunity)
    return render(
        request,
        "procurement/publishing/opportunity_form.html",
        {"form": form, "lots": lots, "opportunity": opportunity if slug else None},
    )


@login_required
@require_POST
def opportunity_move(request, slug):
    opportunity = _visible(request, slug)
    status = request.POST.get("status", "")
    if status not in MOVES_HERE:
        raise PermissionDenied
    if not opportunity.workflow.may(request.user, opportunity, status):
        raise PermissionDenied
    return take_step(
        request,
        lambda: opportunity.move_to(status, actor=request.user),
        success=_("The status was changed."),
        target=opportunity,
    )


@login_required
def documents(request, slug):
    opportunity = _editable(request, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        form.instance.opportunity = opportunity
        form.save()
        messages.success(request, _("The document was uploaded."))
        return redirect("procurement:documents", opportunity.slug)
    return render(
        request,
        "procurement/publishing/documents.html",
        {"opportunity": opportunity, "form": form, "documents": opportunity.documents.all()},
    )


@login_required
@require_POST
def document_delete(request, slug, pk):
    opportunity = _editable(request, slug)
    stored = get_object_or_404(opportunity.documents, pk=pk)
    stored.file.delete(save=False)
    stored.delete()
    messages.success(request, _("The document was removed."))
    return redirect("procurement:documents", opportunity.slug)


def document(request, slug, pk):
    """Serve a document only to those who may see the opportunity: drafts stay private."""
    opportunity = _visible(request, slug)
    stored = get_object_or_404(opportunity.documents, pk=pk)
    extension = PurePath(stored.file.name).suffix
    return serve_file(stored.file, filename=f"{opportunity.slug}-{stored.pk}{extension}")
