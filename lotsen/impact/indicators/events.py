"""Events held, who took part and the turnout.

An event's municipality is where it is held. Events are organised jointly and open to
all, so a party scope has no meaning for them.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.events.models import Event, Registration
from lotsen.organisations.models import Organisation

from .figures import counts_by_period, in_any, in_period, percent, period_keys, scoped
from .vocabulary import MUNICIPALITY, Indicator, RawRow


def _held_events(scope):
    return scoped(
        Event.objects.order_by().filter(ends_at__lt=timezone.now()),
        scope,
        municipality="municipality_id",
        party=None,
    )


def events(periods, scope) -> list[RawRow]:
    return [
        RawRow(
            _("Events held"),
            counts_by_period(_held_events(scope), "starts_at", periods, moment=True),
        )
    ]


EVENTS = Indicator(
    key="events",
    section="events",
    title=gettext_lazy("Events held"),
    definition=gettext_lazy(
        "Events (network meetings, seminars, supervisor training, ASF school and others) "
        "that started in the period and have ended."
    ),
    unit="count",
    counts_people=False,
    calculate=events,
    scopes=frozenset({MUNICIPALITY}),
)


def _registrations(scope):
    return Registration.objects.order_by().filter(
        status=Registration.Status.CONFIRMED, event__in=_held_events(scope).values("pk")
    )


def event_participants(periods, scope) -> list[RawRow]:
    keys = period_keys(periods)
    rows = (
        _registrations(scope)
        .filter(in_any("event__starts_at", periods, moment=True), attended=True)
        .values("organisation__kind")
        .annotate(
            **{
                key: Count("pk", filter=in_period("event__starts_at", period, moment=True))
                for key, period in zip(keys, periods, strict=True)
            }
        )
    )
    by_kind = {row["organisation__kind"] or "": [row[key] for key in keys] for row in rows}
    kinds = [*Organisation.Kind.choices, ("", _("No organisation given"))]
    return [RawRow(label, by_kind.get(kind, [0] * len(periods))) for kind, label in kinds]


EVENT_PARTICIPANTS = Indicator(
    key="event_participants",
    section="events",
    title=gettext_lazy("Event participants by organisation kind"),
    definition=gettext_lazy(
        "Participations in the events held in the period, marked as attended by the "
        "organiser, by the kind of organisation the participant came from. A person at two "
        "events counts twice."
    ),
    unit="people",
    counts_people=True,
    calculate=event_participants,
    scopes=frozenset({MUNICIPALITY}),
    partitions=True,
)


def event_turnout(periods, scope) -> list[RawRow]:
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        held = in_period("event__starts_at", period, moment=True)
        aggregates[f"came_{key}"] = Count("pk", filter=held & Q(attended=True))
        aggregates[f"marked_{key}"] = Count("pk", filter=held & Q(attended__isnull=False))
    figures = (
        _registrations(scope)
        .filter(in_any("event__starts_at", periods, moment=True))
        .aggregate(**aggregates)
    )
    marked = [figures[f"marked_{key}"] for key in keys]
    return [
        RawRow(
            _("Share who came"),
            [percent(figures[f"came_{key}"], figures[f"marked_{key}"]) for key in keys],
            bases=marked,
        )
    ]


EVENT_TURNOUT = Indicator(
    key="event_turnout",
    section="events",
    title=gettext_lazy("Turnout at events"),
    definition=gettext_lazy(
        "Of the confirmed registrations for events held in the period whose attendance was "
        "marked, the share who came."
    ),
    unit="percent",
    counts_people=True,
    calculate=event_turnout,
    scopes=frozenset({MUNICIPALITY}),
)
