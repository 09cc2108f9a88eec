"""Mentors and their matches with requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotsen.core.steps import step_into_form

from .. import policies, services
from ..forms import CloseForm, MeetingForm, MentorForm
from ..models import Mentor, MentorMatch, SupportRequest


@login_required
def mentor_list(request):
    if not policies.can_list_mentors(request.user):
        raise PermissionDenied
    mentors = (
        Mentor.objects.visible_to(request.user)
        .with_active_matches()
        .select_related("organisation")
        .prefetch_related("areas", "municipalities")
    )
    matches = (
        MentorMatch.objects.visible_to(request.user).select_related(
            "mentor", "request", "request__requester_organisation"
        )
    )[:50]
    return render(
        request,
        "support/mentor_list.html",
        {
            "mentors": mentors,
            "matches": matches,
            "can_manage": policies.can_manage_mentors(request.user),
        },
    )


@login_required
def mentor_edit(request, pk=None):
    if not policies.can_manage_mentors(request.user):
        raise PermissionDenied
    mentor = get_object_or_404(Mentor.objects.visible_to(request.user), pk=pk) if pk else None
    form = MentorForm(request.POST or None, instance=mentor)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The mentor was saved."))
        return redirect("support:mentor_list")
    return render(request, "support/mentor_form.html", {"form": form, "mentor": mentor})


@login_required
def match_detail(request, pk):
    match = get_object_or_404(
        MentorMatch.objects.visible_to(request.user).select_related(
            "mentor", "mentor__organisation", "request", "request__requester_organisation"
        ),
        pk=pk,
    )
    can_log = policies.can_log_meeting(request.user, match) and not match.ended_at
    can_rate = policies.can_rate_match(request.user, match) and match.rating is None
    action = request.POST.get("action") if request.method == "POST" else None
    meeting_form = MeetingForm(request.POST if action == "meeting" else None) if can_log else None
    rating_form = CloseForm(request.POST if action == "rate" else None) if can_rate else None
    if request.method == "POST":
        if action == "meeting" and meeting_form is not None:
            if meeting_form.is_valid() and step_into_form(
                meeting_form,
                None,
                lambda: services.mentor_meeting_log(
                    match=match, actor=request.user, **meeting_form.cleaned_data
                ),
            ):
                messages.success(request, _("The meeting was logged."))
                return redirect(match)
        elif action == "rate" and rating_form is not None:
            if rating_form.is_valid():
                services.mentor_match_rate(
                    match=match,
                    rating=rating_form.cleaned_data["rating"],
                    comment=rating_form.cleaned_data["comment"],
                )
                messages.success(request, _("Thank you for your rating."))
                return redirect(match)
        else:
            raise PermissionDenied
    return render(
        request,
        "support/match_detail.html",
        {
            "match": match,
            "meetings": match.meetings.all(),
            "meeting_form": meeting_form,
            "rating_form": rating_form,
            "requester_link": policies.requests_visible_to(
                request.user, SupportRequest.objects.filter(pk=match.request_id)
            ).exists(),
        },
    )
