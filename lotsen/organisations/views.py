from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import policies
from .forms import OrganisationForm
from .models import Organisation


@login_required
def organisation_list(request):
    if not policies.can_view_register(request.user):
        raise PermissionDenied
    organisations = Organisation.objects.visible_to(request.user).select_related("municipality")
    kind = request.GET.get("kind", "")
    if kind in Organisation.Kind.values:
        organisations = organisations.filter(kind=kind)
    page = Paginator(organisations, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "kinds": Organisation.Kind.choices,
            "selected_kind": kind,
            "can_manage": policies.can_manage(request.user),
        },
    )


@login_required
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("municipality"), slug=slug
    )
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": organisation, "can_manage": policies.can_manage(request.user)},
    )


@login_required
def organisation_edit(request, slug=None):
    if not policies.can_manage(request.user):
        raise PermissionDenied
    organisation = None
    if slug:
        organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation = form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect(organisation)
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )
