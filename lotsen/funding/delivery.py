"""What the rest of the platform tells the funding follow-up: a small registry.

Funding measures delivered effort and volumes from other apps' records
(support hours logged, events organised, placements started). Funding is the
higher app, so the dependency points one way: each lower app offers plain
functions (e.g. `lotsen.support.reporting`) and knows nothing of funding, and
funding registers the sources it reads in its own `AppConfig.ready()`:

    from lotsen.support import reporting as support_reporting

    delivery.register_delivered_hours(support_reporting.party_support_hours)
    delivery.register_volume(delivery.SUPPORT_HOURS, support_reporting.support_hours)
    delivery.register_needs_ranking(needs_ranking_for_plan)

The registry itself stays, so that tests can register and unregister sources.

- A delivered-hours source is `source(year) -> iterable of (party organisation id,
  support area code, hours)`: hours a party delivered in an area that year.
  Several sources add up.
- A volume is `function(year) -> number`: e.g. the support hours delivered, the
  participants of events, the placements started that year. Several functions
  under one name add up.
- A needs ranking is `function(year) -> sequence of support area codes`, most
  needed first; the first registered ranking that answers drafts the plan.

Every function must run a fixed number of queries, whatever the data, since
the follow-up pages call each once per page. A volume that no app registers
reads "no data yet" on the page, so the system check `funding.W001` names it.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

DeliveredHoursSource = Callable[[int], Iterable[tuple[int, str, Decimal | int]]]
VolumeFunction = Callable[[int], Decimal | int]
NeedsRanking = Callable[[int], Sequence[str]]

SUPPORT_HOURS = "support_hours"
EVENT_PARTICIPANTS = "event_participants"
PLACEMENTS_STARTED = "placements_started"
VOLUME_LABELS = {
    SUPPORT_HOURS: _("support hour"),
    EVENT_PARTICIPANTS: _("event participant"),
    PLACEMENTS_STARTED: _("work training started"),
}

_delivered_sources: list[DeliveredHoursSource] = []
_volumes: dict[str, list[VolumeFunction]] = defaultdict(list)
_rankings: list[NeedsRanking] = []


def register_delivered_hours(source: DeliveredHoursSource) -> None:
    if source not in _delivered_sources:
        _delivered_sources.append(source)


def unregister_delivered_hours(source: DeliveredHoursSource) -> None:
    if source in _delivered_sources:
        _delivered_sources.remove(source)


def register_volume(name: str, function: VolumeFunction) -> None:
    if name not in VOLUME_LABELS:
        raise ValueError(f"Unknown volume {name!r}; known: {', '.join(VOLUME_LABELS)}")
    if function not in _volumes[name]:
        _volumes[name].append(function)


def unregister_volume(name: str, function: VolumeFunction) -> None:
    if function in _volumes.get(name, []):
        _volumes[name].remove(function)


def volumes_without_source() -> list[str]:
    """The volumes no installed app registers, whose unit cost would read "no data yet"."""
    return [name for name in VOLUME_LABELS if not _volumes.get(name)]


def register_needs_ranking(function: NeedsRanking) -> None:
    if function not in _rankings:
        _rankings.append(function)


def unregister_needs_ranking(function: NeedsRanking) -> None:
    if function in _rankings:
        _rankings.remove(function)


def delivered_hours(year: int) -> dict[tuple[int, str], Decimal]:
    """Hours delivered per (party id, area code) in the year, from every source."""
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for source in _delivered_sources:
        for party_id, area_code, hours in source(year):
            totals[(party_id, area_code)] += Decimal(hours)
    return dict(totals)


def volume(name: str, year: int) -> Decimal | None:
    """The year's volume under a name, or None when no app has registered it yet."""
    functions = _volumes.get(name)
    if not functions:
        return None
    return sum((Decimal(function(year)) for function in functions), Decimal(0))


def needs_ranking(year: int) -> list[str] | None:
    """The support area codes in order of need, or None when no ranking is available."""
    for function in _rankings:
        ranking = list(function(year))
        if ranking:
            return ranking
    return None


def manual_delivered_hours(year: int) -> Iterable[tuple[int, str, Decimal]]:
    """Hours parties delivered outside the platform, recorded by the coordinator."""
    from .models import DeliveredEffort

    return DeliveredEffort.objects.filter(year=year).values_list("party_id", "area_id", "hours")
