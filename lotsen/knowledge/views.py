from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotsen.core.steps import take_step
from lotsen.core.uploads import serve_file

from . import policies
from .forms import ResourceFilterForm, ResourceForm
from .models import Resource

PAGE_SIZE = 10


def resource_list(request):
    form = ResourceFilterForm(request.GET or None)
    resources = (
        Resource.objects.visible_to(request.user)
        .select_related("author_organisation")
        .prefetch_related("support_areas")
    )
    if form.is_bound:
        resources = form.filter(resources) if form.is_valid() else resources.none()
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/resource_list.html",
        {
            "form": form,
            "page": page,
            # Turning pages of the full list is not a search.
            "searching": any(request.GET.get(name) for name in form.fields),
            "can_create": policies.can_create(request.user),
        },
    )


def _get_visible_resource(request, slug: str) -> Resource:
    return get_object_or_404(
        Resource.objects.visible_to(request.user).select_related("author_organisation"),
        slug=slug,
    )


def resource_detail(request, slug):
    resource = _get_visible_resource(request, slug)
    related = Resource.objects.visible_to(request.user).filter(related=resource).order_by("title")
    return render(
        request,
        "knowledge/resource_detail.html",
        {
            "resource": resource,
            "support_areas": resource.support_areas.all(),
            "related": related,
            "can_edit": policies.can_edit(request.user, resource),
        },
    )


def resource_attachment(request, slug):
    """Serve the PDF only to those who may see the resource (drafts stay private)."""
    resource = _get_visible_resource(request, slug)
    return serve_file(
        resource.attachment,
        filename=f"{resource.slug}.pdf",
        as_attachment=False,
        content_type="application/pdf",
    )


@login_required
def resource_edit(request, slug=None):
    resource = None
    if slug:
        resource = _get_visible_resource(request, slug)
        if not policies.can_edit(request.user, resource):
            raise PermissionDenied
    elif not policies.can_create(request.user):
        raise PermissionDenied
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        if resource is None:
            form.instance.created_by = request.user
        resource = form.save()
        messages.success(request, _("The resource was saved."))
        return redirect(resource)
    return render(request, "knowledge/resource_form.html", {"form": form, "resource": resource})


@login_required
@require_POST
def resource_transition(request, slug, status):
    resource = _get_visible_resource(request, slug)
    if not policies.can_edit(request.user, resource):
        raise PermissionDenied
    if take_step(request, lambda: resource.move_to(status, actor=request.user)):
        if resource.is_public:
            messages.success(request, _("The resource is published."))
        elif resource.is_scheduled:
            messages.success(
                request, _("The resource is published and will be shown from its publish date.")
            )
        else:
            messages.success(request, _("The resource is a draft again and hidden from visitors."))
    return redirect(resource)
