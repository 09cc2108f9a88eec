"""One computation of the indicators on two database connections at once (decision 0211).

A region-year's indicators are some twenty-five queries, and each one waits on the
database in turn while the database has another core to spare. So the thread that asks
shares the list with one helper thread that has a connection of its own: the asking
thread takes the indicators from the start of the list (the people flows, the heaviest
reading), the helper from the end, until they meet. Figures that several indicators
read are still fetched once (`figures.shared`).

The helper's connection sees only what is committed. Inside a transaction (a view that
wrote, a test) the asking thread may see rows the helper cannot, so there the whole list
stays on the one connection; so it does for an in-memory SQLite database, which belongs
to its connection.
"""

import contextvars
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections
from django.utils import timezone, translation

from ..periods import Period
from .vocabulary import Indicator, RawRow, Scope


def may_share_the_work() -> bool:
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def raw_figures(
    indicators: Sequence[Indicator], periods: list[Period], scope: Scope
) -> dict[str, list[RawRow]]:
    """Each indicator's raw rows for the periods, by key."""
    if not may_share_the_work():
        return {indicator.key: indicator.compute_many(periods, scope) for indicator in indicators}
    waiting = deque(indicators)
    lock = threading.Lock()

    def work(*, from_the_end: bool) -> dict[str, list[RawRow]]:
        done = {}
        while True:
            with lock:
                if not waiting:
                    return done
                indicator = waiting.pop() if from_the_end else waiting.popleft()
            done[indicator.key] = indicator.compute_many(periods, scope)

    # A new thread starts in the site's language and time zone; it works in the asker's.
    language, zone = translation.get_language(), timezone.get_current_timezone()

    def help_from_the_end() -> dict[str, list[RawRow]]:
        try:
            with translation.override(language), timezone.override(zone):
                return work(from_the_end=True)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="indicators") as pool:
        # The copied context carries the figures fetched once for both threads.
        helper = pool.submit(contextvars.copy_context().run, help_from_the_end)
        try:
            mine = work(from_the_end=False)
        except BaseException:
            with lock:
                waiting.clear()
            raise
        return mine | helper.result()
