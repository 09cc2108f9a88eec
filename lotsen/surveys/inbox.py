"""The coordinator's inbox: open surveys that close within two weeks, with their answers so far."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.core.inbox import InboxItem, InboxSection

from . import policies
from .models import Response, Survey

CLOSING_SOON = timedelta(days=14)


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
