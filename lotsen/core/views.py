from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import inbox
from .forms import AccessibilityReportForm
from .tasks import send_contact_mail


def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    memberships = request.user.memberships.select_related("organisation").order_by(
        "organisation__name"
    )
    return render(
        request,
        "core/dashboard.html",
        {"memberships": memberships, "inbox": inbox.sections_for(request.user)},
    )


def accessibility_statement(request):
    form = AccessibilityReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_contact_mail.enqueue(
            subject=_("Accessibility problem reported: %(page)s")
            % {"page": form.cleaned_data["page"]},
            body=form.cleaned_data["description"],
            reply_to=form.cleaned_data["email"],
        )
        messages.success(request, _("Thank you. Your report has been sent to us."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means this instance is not healthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def too_many_requests(request, exception=None):
    """allauth's rate limits (signing in, password reset) answer with this page."""
    return render(request, "429.html", status=429)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
