"""What surveys put in the inbox: for the coordinator, open rounds that close within two
weeks with their answers so far; for a member of an invited organisation, the rounds
that await its answer. Each provider runs one query."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import Invitation, Response, Survey

CLOSING_SOON = timedelta(days=14)
SECTION_LIMIT = 10


def closing_surveys(user):
    if not policies.can_manage(user):
        return
    now = timezone.now()
    surveys = list(
        Survey.objects.visible_to(user)
        .filter(status=Survey.Status.OPEN, closes_at__gt=now, closes_at__lte=now + CLOSING_SOON)
        .annotate(
            submitted=Count(
                "responses",
                filter=Q(responses__status=Response.Status.SUBMITTED),
                distinct=True,
            ),
            invited=Count("invitations", distinct=True),
        )
        .order_by("closes_at")
    )
    if not surveys:
        return
    yield InboxSection(
        gettext_lazy("Surveys closing soon"),
        [
            InboxItem(
                title=survey.title,
                url=survey.get_absolute_url(),
                since=survey.opens_at or survey.created_at,
                waiting_on=_("the invited who have not answered"),
                detail=_("%(submitted)d of %(invited)d have answered; closes %(date)s")
                % {
                    "submitted": survey.submitted,
                    "invited": survey.invited,
                    "date": date_format(timezone.localtime(survey.closes_at), "SHORT_DATE_FORMAT"),
                },
            )
            for survey in surveys
        ],
    )


def surveys_awaiting(user):
    # One row beyond the limit is fetched only to tell that there are more.
    invitations = list(
        Invitation.objects.awaiting_answer_from(user)
        .select_related("survey", "organisation")
        .order_by("survey__closes_at", "organisation__name")[: SECTION_LIMIT + 1]
    )
    if not invitations:
        return
    yield InboxSection(
        gettext_lazy("Surveys awaiting your organisation"),
        [
            InboxItem(
                title=invitation.survey.title,
                url=invitation.get_answer_path(),
                since=invitation.sent_at or invitation.survey.opens_at or invitation.created_at,
                waiting_on=invitation.organisation.name,
                detail=_("For %(organisation)s; answer by %(date)s")
                % {
                    "organisation": invitation.organisation.name,
                    "date": date_format(timezone.localtime(invitation.survey.closes_at)),
                },
            )
            for invitation in invitations[:SECTION_LIMIT]
        ],
        more_url=reverse("surveys:list") if len(invitations) > SECTION_LIMIT else "",
    )
