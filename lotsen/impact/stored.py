"""Stored dashboard figures: computed once, shown again until the data change (decision 0130).

At national scale the indicators of a region-year take seconds to compute, while
the figures of a closed period only change when the records behind them do. So
the dashboard keeps each computed set in the cache, keyed by a data version, the
language, the period, the scope and whether small cells are shown:

- every save or delete of a record in an app the indicators read replaces the
  data version (at once and again when the transaction commits, so a request
  that read the uncommitted state cannot keep its figures under the new version);
- figures of a period not yet over are kept at most CURRENT_MAX_AGE, because they
  also move with the clock (events held, placements active "so far");
- figures of a closed period are kept at most CLOSED_MAX_AGE, a bound for the
  writes that send no signal (bulk imports, queryset updates);
- with a cache in local memory (no REDIS_URL) each process keeps its own store and
  its own data version, so a change saved by another process (another app-server
  worker, the task worker) does not reach it: there every period is kept at most
  CURRENT_MAX_AGE.

The data version is a random token rather than a counter: if the cache evicts it,
the next token cannot coincide with one that stored figures are filed under.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone, translation

from .indicators import IndicatorResult, Scope, compute_indicators
from .periods import Period

VERSION_KEY = "impact:data-version"
CURRENT_MAX_AGE = 10 * 60
CLOSED_MAX_AGE = 24 * 60 * 60
# The apps whose records the indicators read.
SOURCE_APPS = frozenset(
    {"core", "organisations", "placements", "support", "events", "surveys", "funding"}
)


@dataclass
class Figures:
    results: list[IndicatorResult]
    computed_at: datetime.datetime
    stored: bool  # True when taken from the store, False when computed for this request
    # The page's part made from the results alone (charts and tables), kept with them
    # because drawing 21 charts costs more than reading the store.
    rendered: str = ""


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)  # another request set it first
    return version


def _replace_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed(sender, **kwargs) -> None:
    """Signal receiver: a record the indicators read was written or deleted."""
    if sender._meta.app_label not in SOURCE_APPS:
        return
    _replace_version()
    transaction.on_commit(_replace_version)


def _key(period: Period, scope: Scope, show_small_cells: bool) -> str:
    return ":".join(
        [
            "impact:figures",
            data_version(),
            translation.get_language() or "",
            period.slug,
            str(scope.municipality_id),
            str(scope.party_id),
            "all" if show_small_cells else "hidden",
        ]
    )


def dashboard_figures(
    period: Period,
    scope: Scope,
    *,
    show_small_cells: bool,
    render: Callable[[list[IndicatorResult]], str] = lambda results: "",
) -> Figures:
    """Every indicator for the period and scope, from the store when it holds them.

    `render` makes the part of the page that depends on the results only; it is
    stored with them.
    """
    key = _key(period, scope, show_small_cells)
    kept = cache.get(key)
    if kept is not None:
        results, computed_at, rendered = kept
        return Figures(results, computed_at, stored=True, rendered=rendered)
    results = compute_indicators(period, scope, show_small_cells=show_small_cells)
    rendered = render(results)
    computed_at = timezone.now()
    shared = not isinstance(caches["default"], LocMemCache)
    max_age = CLOSED_MAX_AGE if period.is_complete and shared else CURRENT_MAX_AGE
    cache.set(key, (results, computed_at, rendered), timeout=max_age)
    return Figures(results, computed_at, stored=False, rendered=rendered)
