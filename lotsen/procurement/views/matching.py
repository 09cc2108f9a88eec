"""Which enterprises fit an opportunity, which opportunities fit an enterprise, and the
CPV–SNI correspondence behind both."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.organisations.models import SocialEnterprise
from lotsen.organisations.tabular import ImportFileError, read_upload

from .. import cpv_sni, matching
from ..forms.matching import InviteForm, LinkForm, LinkImportForm
from ..models import CpvIndustryLink, Opportunity
from ..policies import enterprises_of
from ..policies import matching as policies

PAGE_SIZE = 25


def _opportunity_for_fit(request, slug) -> Opportunity:
    opportunity = get_object_or_404(
        matching.with_fit_facts(Opportunity.objects.visible_to(request.user)), slug=slug
    )
    if not policies.can_see_fit(request.user, opportunity):
        raise PermissionDenied
    return opportunity


@login_required
def fit(request, slug):
    opportunity = _opportunity_for_fit(request, slug)
    suggestions = matching.suggestions_for(opportunity, request.user)
    return render(
        request,
        "procurement/matching/fit.html",
        {
            "opportunity": opportunity,
            "suggestions": suggestions,
            "can_invite": policies.can_invite(request.user, opportunity)
            and opportunity.status == Opportunity.Status.PUBLISHED,
        },
    )


@login_required
@require_POST
def fit_invite(request, slug):
    opportunity = _opportunity_for_fit(request, slug)
    if not policies.can_invite(request.user, opportunity):
        raise PermissionDenied
    form = InviteForm(request.POST)
    visible = SocialEnterprise.objects.visible_to(request.user).values("organisation")
    form.fields["enterprise"].queryset = form.fields["enterprise"].queryset.filter(pk__in=visible)
    if not form.is_valid():
        messages.error(request, _("Choose an enterprise from the list to invite."))
        return redirect("procurement:fit", slug=slug)
    enterprise = form.cleaned_data["enterprise"]
    try:
        matching.invite(opportunity, enterprise, actor=request.user)
    except matching.NotOpen:
        messages.error(request, _("Enterprises can be invited only while the opportunity is open."))
    except matching.AlreadyInvited as refused:
        messages.error(
            request,
            _("%(enterprise)s was invited already, on %(date)s. An enterprise is invited once.")
            % {
                "enterprise": enterprise.name,
                "date": formats.date_format(refused.invitation.invited_at, "DATE_FORMAT"),
            },
        )
    else:
        messages.success(
            request, _("%(enterprise)s is invited by e-mail.") % {"enterprise": enterprise.name}
        )
    return redirect("procurement:fit", slug=slug)


@login_required
def for_us(request):
    enterprises = enterprises_of(request.user)
    if not enterprises.exists():
        raise PermissionDenied
    pairs = matching.opportunities_for(enterprises, Opportunity.objects.open())
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/matching/for_us.html",
        {
            "page": page,
            "rows": [
                (opportunity, best, reasons)
                for (opportunity, best), reasons in zip(
                    page, matching.explain([best for _o, best in page]), strict=True
                )
            ],
            "several": len(enterprises) > 1,
        },
    )


def _coordinator_only(request) -> None:
    if not policies.can_keep_links(request.user):
        raise PermissionDenied


def _links_page(request, *, form=None, import_form=None, result=None, status=200):
    all_links = CpvIndustryLink.objects.select_related("cpv", "industry")
    page = Paginator(all_links, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/matching/links.html",
        {
            "form": form or LinkForm(),
            "import_form": import_form or LinkImportForm(),
            "result": result,
            "page": page,
        },
        status=status,
    )


@login_required
def links(request):
    _coordinator_only(request)
    if request.method != "POST":
        return _links_page(request)
    form = LinkForm(request.POST)
    if not form.is_valid():
        return _links_page(request, form=form, status=400)
    link = form.save()
    messages.success(request, _("%(link)s is added.") % {"link": link})
    return redirect("procurement:links")


@login_required
@require_POST
def links_import(request):
    _coordinator_only(request)
    form = LinkImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _links_page(request, import_form=form, status=400)
    try:
        result = cpv_sni.import_rows(read_upload(form.cleaned_data["file"]))
    except ImportFileError as error:
        form.add_error("file", str(error))
        return _links_page(request, import_form=form, status=400)
    if not result.ok:
        return _links_page(request, import_form=form, result=result, status=400)
    messages.success(
        request,
        _("Imported %(created)s new links; %(unchanged)s were there already.")
        % {"created": result.created, "unchanged": result.unchanged},
    )
    return redirect("procurement:links")


@login_required
@require_POST
def link_delete(request, pk):
    _coordinator_only(request)
    link = get_object_or_404(CpvIndustryLink.objects.select_related("cpv", "industry"), pk=pk)
    link.delete()
    messages.success(request, _("%(link)s is removed.") % {"link": link})
    return redirect("procurement:links")
