"""Stored dashboard figures: computed once, served again until the data change (decisions
0130, 0097).

At national scale the indicators of a region-year take seconds to compute, while
the figures of a closed period only change when the records behind them do. So
the dashboard keeps each computed set in the cache under two keys, both naming the
language, the period, the scope and whether small cells are shown:

- the versioned entry, filed under the data version it was computed under: fresh
  figures, served as they are;
- the latest entry, whatever the version, kept CLOSED_MAX_AGE: when no fresh figures
  are stored the visit is served these, marked stale, and a background task
  (`tasks.refresh_dashboard_figures`) computes new ones. At most one refresh per
  combination is pending at a time. Only a combination never computed before (or
  not for CLOSED_MAX_AGE) is computed during the visit.

Freshness:

- every save or delete of a record in an app the indicators read replaces the
  data version (at once and again when the transaction commits, so a request
  that read the uncommitted state cannot keep its figures under the new version);
- figures of a period not yet over are fresh at most CURRENT_MAX_AGE, because they
  also move with the clock (events held, placements active "so far");
- figures of a closed period are fresh at most CLOSED_MAX_AGE, a bound for the
  writes that send no signal (bulk imports, queryset updates);
- with a cache in local memory (no REDIS_URL) each process keeps its own store and
  its own data version, so a change saved by another process (another app-server
  worker, the task worker) does not reach it: there every period is fresh at most
  CURRENT_MAX_AGE, and figures are not refreshed in the background, since a task
  worker would store them where this process never looks: the visit computes them.

The data version is a random token rather than a counter: if the cache evicts it,
the next token cannot coincide with one that stored figures are filed under.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone, translation

from . import presentation
from .indicators import IndicatorResult, Scope, compute_indicators
from .periods import Period

VERSION_KEY = "impact:data-version"
# Part of every key: raised when the stored results or their rendering change shape
# (2: hidden cells carry their reason, decision 0154), so older entries are not served.
STORE_FORMAT = 2
CURRENT_MAX_AGE = 10 * 60
CLOSED_MAX_AGE = 24 * 60 * 60
# A refresh counts as pending at most this long, so a worker that is down or a task
# that failed holds back the next refresh no longer than the freshness of a period.
REFRESH_PENDING_MAX_AGE = CURRENT_MAX_AGE
# The apps whose records the indicators read.
SOURCE_APPS = frozenset(
    {"core", "organisations", "placements", "support", "events", "surveys", "funding"}
)


@dataclass
class Figures:
    results: list[IndicatorResult]
    # Kept with the results in the store: the statistics API's Last-Modified.
    computed_at: datetime.datetime
    stored: bool  # True when taken from the store, False when computed for this request
    # The page's part made from the results alone (charts and tables), kept with them
    # because drawing 21 charts costs more than reading the store.
    rendered: str = ""
    # Served while new figures are computed in the background: the records changed
    # since (`changed`) or the figures are past the age they count as fresh.
    stale: bool = False
    changed: bool = False


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


def _shared_cache() -> bool:
    """Whether the cache is one for every process, not this process's memory."""
    return not isinstance(caches["default"], LocMemCache)


def _combination(period: Period, scope: Scope, show_small_cells: bool) -> str:
    return ":".join(
        [
            str(STORE_FORMAT),
            translation.get_language() or "",
            period.slug,
            str(scope.municipality_id),
            str(scope.party_id),
            "all" if show_small_cells else "hidden",
        ]
    )


def _fresh_key(version: str, combination: str) -> str:
    return f"impact:figures:{version}:{combination}"


def _latest_key(combination: str) -> str:
    return f"impact:latest:{combination}"


def _pending_key(combination: str) -> str:
    return f"impact:refreshing:{combination}"


def _fresh(combination: str) -> Figures | None:
    kept = cache.get(_fresh_key(data_version(), combination))
    if kept is None:
        return None
    results, computed_at, rendered = kept
    return Figures(results, computed_at, stored=True, rendered=rendered)


def dashboard_figures(period: Period, scope: Scope, *, show_small_cells: bool) -> Figures:
    """Every indicator for the period and scope, fresh from the store when it holds them,
    else the latest ones marked stale while a refresh is on its way."""
    combination = _combination(period, scope, show_small_cells)
    figures = _fresh(combination)
    if figures is not None:
        return figures
    latest = cache.get(_latest_key(combination)) if _shared_cache() else None
    if latest is None:
        return _compute_and_store(period, scope, show_small_cells, combination)
    _enqueue_refresh(period, scope, show_small_cells, combination)
    # A task backend that runs at once (development, tests) has stored them by now.
    figures = _fresh(combination)
    if figures is not None:
        return figures
    version, results, computed_at, rendered = latest
    return Figures(
        results,
        computed_at,
        stored=True,
        rendered=rendered,
        stale=True,
        changed=version != data_version(),
    )


def refresh(period: Period, scope: Scope, *, show_small_cells: bool) -> Figures:
    """Compute and store the figures in the active language; ends a pending refresh."""
    combination = _combination(period, scope, show_small_cells)
    try:
        return _compute_and_store(period, scope, show_small_cells, combination)
    finally:
        cache.delete(_pending_key(combination))


def _enqueue_refresh(period: Period, scope: Scope, show_small_cells: bool, combination: str):
    if not cache.add(_pending_key(combination), 1, timeout=REFRESH_PENDING_MAX_AGE):
        return  # one is on its way; it reads the data as they are when it runs
    from .tasks import refresh_dashboard_figures  # the task module imports this one

    refresh_dashboard_figures.enqueue(
        period.slug,
        scope.municipality_id,
        scope.party_id,
        show_small_cells,
        translation.get_language(),
    )


def _compute_and_store(
    period: Period, scope: Scope, show_small_cells: bool, combination: str
) -> Figures:
    # The version before computing: a change while computing leaves these figures
    # filed under the old version, so they are not served as fresh.
    version = data_version()
    results = compute_indicators(period, scope, show_small_cells=show_small_cells)
    rendered = presentation.sections_html(results, period)
    computed_at = timezone.now()
    shared = _shared_cache()
    max_age = CLOSED_MAX_AGE if period.is_complete and shared else CURRENT_MAX_AGE
    cache.set(_fresh_key(version, combination), (results, computed_at, rendered), max_age)
    if shared:  # only then are the latest figures served (see dashboard_figures)
        latest = (version, results, computed_at, rendered)
        cache.set(_latest_key(combination), latest, CLOSED_MAX_AGE)
    return Figures(results, computed_at, stored=False, rendered=rendered)
