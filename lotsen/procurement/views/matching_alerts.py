"""Saved searches (bevakningar): an enterprise user's own, and the one-click way out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.matching import SavedSearchForm
from ..models import SavedSearch
from ..policies import matching as policies


def _searcher(request) -> None:
    if not policies.can_save_searches(request.user):
        raise PermissionDenied


@login_required
def alerts(request):
    _searcher(request)
    searches = policies.saved_searches_of(request.user).prefetch_related("municipalities")
    return render(request, "procurement/matching/alerts.html", {"searches": searches})


@login_required
def alert_edit(request, pk=None):
    _searcher(request)
    search = get_object_or_404(policies.saved_searches_of(request.user), pk=pk) if pk else None
    form = SavedSearchForm(request.POST or None, instance=search)
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, _("The alert “%(name)s” is saved.") % {"name": form.instance})
        return redirect("procurement:alerts")
    return render(
        request,
        "procurement/matching/alert_form.html",
        {"form": form, "search": search},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def alert_delete(request, pk):
    _searcher(request)
    search = get_object_or_404(policies.saved_searches_of(request.user), pk=pk)
    search.delete()
    messages.success(request, _("The alert “%(name)s” is deleted.") % {"name": search})
    return redirect("procurement:alerts")


# RFC 8058: a mail program posts "List-Unsubscribe=One-Click" without a session or a CSRF
# token; the unguessable key is what authorises the removal of this one search.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, key):
    search = SavedSearch.objects.filter(unsubscribe_key=key).first()
    if search is None:
        return render(request, "procurement/matching/unsubscribe_gone.html", status=404)
    if request.method == "POST":
        name = search.name
        search.delete()
        return render(request, "procurement/matching/unsubscribed.html", {"name": name})
    return render(request, "procurement/matching/unsubscribe.html", {"search": search})
