from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotsen.audit.services import audit_event_record
from lotsen.core.steps import step_into_form, take_step
from lotsen.organisations.models import Organisation
from lotsen.surveys.policies import can_view_results as can_view_survey_results
from lotsen.surveys.services import response_rate

from . import policies, services
from .forms import (
    CalendarFilterForm,
    EventForm,
    ManagedEventFilterForm,
    PeriodForm,
    RegistrationFilterForm,
    RegistrationForm,
)
from .ical import calendar_for
from .models import Event, Registration
from .structured_data import event_json_ld
from .turnout import turnout_for

ORGANISERS = Prefetch("organisers", queryset=Organisation.objects.order_by("name"))


def _calendar_events(request):
    # Every filter is optional, so an empty query string is a valid, bound form.
    form = CalendarFilterForm(request.GET)
    events = (
        Event.objects.visible_to(request.user)
        .select_related("support_area", "municipality")
        .prefetch_related(ORGANISERS)
    )
    if not form.is_valid():
        return form, events.none()
    return form, form.filter(events, timezone.now())


def calendar(request):
    form, events = _calendar_events(request)
    page = Paginator(events.with_counts(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "events/calendar.html",
        {
            "form": form,
            "page": page,
            "feed_query": request.GET.urlencode(),
            "can_organise": policies.can_organise_events(request.user),
        },
    )


@require_GET
def calendar_feed(request):
    _form, events = _calendar_events(request)
    return _ics_response(calendar_for(events, _("Lotsen – events")), "lotsen-evenemang.ics")


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _visible_event(request, slug: str) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user)
        .select_related("support_area", "municipality")
        .prefetch_related(ORGANISERS),
        slug=slug,
    )


def event_detail(request, slug):
    event = _visible_event(request, slug)
    user = request.user
    own = (
        Registration.objects.visible_to(user).filter(event=event, user=user).active().first()
        if user.is_authenticated
        else None
    )
    form = RegistrationForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        registered = step_into_form(
            form,
            None,
            lambda: services.registration_create(event=event, user=user, **form.cleaned_data),
        )
        if registered:
            registration = registered.result
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request,
                    _("You are registered. A confirmation has been sent to %(email)s.")
                    % {"email": registration.email},
                )
            else:
                messages.success(
                    request,
                    _(
                        "The event is full: you are on the waiting list. "
                        "We have written to %(email)s."
                    )
                    % {"email": registration.email},
                )
            return redirect(event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "organisers": list(event.organisers.all()),
            "form": form,
            "own_registration": own,
            "registration_refusal": event.registration_refusal(),
            "places_left": event.places_left(),
            "json_ld": event_json_ld(event, event.organisers.all()),
            "can_manage": policies.can_manage_event(user, event),
        },
    )


@require_GET
def event_ics(request, slug):
    event = _visible_event(request, slug)
    return _ics_response(calendar_for([event], event.title), f"{event.slug}.ics")


def _registration_from_token(loader, token: str) -> Registration:
    try:
        return loader(token)
    except Registration.DoesNotExist as missing:
        raise Http404 from missing


def registration_cancel(request, token):
    """Cancel through the link in the e-mail; no login needed, the signed token is the key."""
    registration = _registration_from_token(Registration.from_cancel_token, token)
    event = registration.event
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        take_step(
            request,
            lambda: services.registration_cancel(
                registration=registration,
                actor=request.user if request.user.is_authenticated else None,
            ),
            success=_("Your registration is cancelled."),
        )
        return redirect("events:cancel", token=token)
    return render(
        request,
        "events/registration_cancel.html",
        {"registration": registration, "event": event, "started": event.has_started()},
    )


@login_required
def manage(request):
    if not policies.can_organise_events(request.user):
        raise PermissionDenied
    form = ManagedEventFilterForm(request.GET)
    events = form.filter(
        Event.objects.managed_by(request.user).with_counts().order_by("-starts_at", "-id")
    )
    if form.export_format:
        return form.export(request, events, filename="evenemang", title=_("My events"))
    page = Paginator(events, 25).get_page(request.GET.get("page"))
    return render(request, "events/manage.html", {"form": form, "page": page})


@login_required
def event_edit(request, slug=None):
    if not policies.can_organise_events(request.user):
        raise PermissionDenied
    event = None
    if slug:
        event = get_object_or_404(Event.objects.managed_by(request.user), slug=slug)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(
            event=form.save(commit=False), organisers=form.cleaned_data["organisers"]
        )
        messages.success(request, _("The event was saved."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def attendees(request, slug):
    event = get_object_or_404(Event.objects.managed_by(request.user), slug=slug)
    registrations = (
        Registration.objects.visible_to(request.user)
        .filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("organisation", "municipality", "organisation__municipality")
        .order_by("status", "created_at", "id")
    )
    form = RegistrationFilterForm(request.GET)
    if request.method == "GET" and form.export_format:
        return form.export(
            request,
            form.filter(registrations),
            filename=f"anmalningar-{event.slug}",
            title=event.title,
        )
    if request.method == "POST":
        if request.POST.get("action") == "evaluate":
            invited = take_step(request, lambda: services.evaluation_invite(event=event))
            if invited:
                messages.success(
                    request,
                    _("The evaluation was sent to %(count)s people.") % {"count": invited.result},
                )
        else:
            ids = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
            marked = take_step(
                request,
                lambda: services.attendance_mark(event=event, attended_ids=ids, actor=request.user),
            )
            if marked:
                messages.success(
                    request,
                    _("Attendance was saved. No-shows: %(count)s.") % {"count": marked.result},
                )
        return redirect("events:attendees", slug=event.slug)
    # Organisers reading who registered is a read of personal data.
    audit_event_record(
        actor=request.user,
        action="view",
        target=event,
        label=event.slug,
        reason="attendee list",
    )
    rows = list(form.filter(registrations))
    evaluation = services.evaluation_survey(event)
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "form": form,
            "confirmed": [row for row in rows if row.status == Registration.Status.CONFIRMED],
            "waiting": [row for row in rows if row.status == Registration.Status.WAITING],
            "turnout": turnout_for(registrations),
            "evaluation": evaluation,
            "evaluation_rate": response_rate(evaluation) if evaluation else None,
            "evaluation_results_visible": can_view_survey_results(request.user),
            "has_started": event.has_started(),
            "is_over": event.is_over(),
        },
    )


@login_required
def turnout(request):
    if not policies.can_view_turnout(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET)
    start, end = form.period(timezone.localdate())
    events = form.filter(Event.objects.visible_to(request.user), start, end)
    # A year of the whole country's events is hundreds of rows: the table goes by pages,
    # the totals above it cover them all.
    per_event = Paginator(events.with_counts().order_by("starts_at", "id"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "events/turnout.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "per_event": per_event,
            "turnout": turnout_for(
                Registration.objects.counted_for(request.user).filter(event__in=events.values("pk"))
            ),
        },
    )
