"""Alerts (bevakningar): each due saved search gets a digest of what matches it.

A daily search is due once a calendar day, a weekly one when seven days have passed
since its last digest, judged by local dates so that a run a little earlier than the
last one does not skip a day. The digest lists the opportunities published since the
last run and those closing within a week; with neither, no e-mail is sent. Either way
the run marks the search as handled, so that it keeps its rhythm.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Opportunity, SavedSearch

CLOSING_WITHIN = datetime.timedelta(days=7)
PERIOD_DAYS = {SavedSearch.Frequency.DAILY: 1, SavedSearch.Frequency.WEEKLY: 7}


def is_due(search: SavedSearch, now: datetime.datetime) -> bool:
    if search.last_sent_at is None:
        return True
    days = (timezone.localdate(now) - timezone.localdate(search.last_sent_at)).days
    return days >= PERIOD_DAYS[search.frequency]


def matching(search: SavedSearch):
    """The open opportunities the search asks for; every criterion given must hold."""
    opportunities = Opportunity.objects.open()
    # Lower-cased, since SQLite folds only ASCII letters: "STÄD" would miss "städ".
    for word in search.words.lower().split():
        opportunities = opportunities.filter(
            Q(title__icontains=word) | Q(description__icontains=word)
        )
    if search.cpv_divisions:
        divisions = Q()
        for division in search.cpv_divisions:
            divisions |= Q(main_cpv__code__startswith=division)
            divisions |= Q(additional_cpv__code__startswith=division)
        opportunities = opportunities.filter(divisions)
    if search.kinds:
        opportunities = opportunities.filter(kind__in=search.kinds)
    municipalities = [m.code for m in search.municipalities.all()]
    if municipalities:
        opportunities = opportunities.filter(municipalities__in=municipalities)
    return opportunities.distinct()


@dataclass
class Digest:
    search: SavedSearch
    new: list[Opportunity]
    closing: list[Opportunity]

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.closing)


def digest(search: SavedSearch, now: datetime.datetime) -> Digest:
    found = matching(search).select_related("buyer")
    since = search.last_sent_at or search.created_at
    return Digest(
        search,
        new=list(found.filter(published_at__gt=since, published_at__lte=now)),
        closing=list(
            found.filter(tenders_due__gt=now, tenders_due__lte=now + CLOSING_WITHIN).order_by(
                "tenders_due"
            )
        ),
    )


def unsubscribe_url(search: SavedSearch) -> str:
    return settings.SITE_URL + reverse(
        "procurement:alert_unsubscribe", args=[search.unsubscribe_key]
    )


def digest_message(found: Digest) -> EmailMessage:
    search = found.search
    url = unsubscribe_url(search)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "digest": found,
            "search": search,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": url,
            "alerts_url": settings.SITE_URL + reverse("procurement:alerts"),
        }
        return EmailMessage(
            subject=_("Business opportunities for your alert “%(name)s”") % {"name": search.name},
            body=render_to_string("procurement/matching/email/digest.txt", context),
            to=[search.user.email],
            # RFC 8058: mail programs offer a one-click unsubscribe that posts to the URL.
            headers={
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )


@dataclass
class RunCount:
    due: int = 0
    sent: int = 0


def alerts_send(now: datetime.datetime | None = None) -> RunCount:
    """Send every due saved search its digest; safe to run as often as one likes."""
    now = now or timezone.now()
    count = RunCount()
    searches = SavedSearch.objects.select_related("user").prefetch_related("municipalities")
    for search in searches.filter(user__is_active=True):
        if not is_due(search, now):
            continue
        count.due += 1
        found = digest(search, now)
        if not found.is_empty and search.user.email:
            count.sent += digest_message(found).send()
        search.last_sent_at = now
        search.save(update_fields=["last_sent_at"])
    return count


@task()
def send_procurement_alerts() -> dict:
    """The daily alert run; a worker or cron enqueues it."""
    return vars(alerts_send())
