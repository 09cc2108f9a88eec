"""The work inbox on "My overview": everything that waits for the user.

Apps register a function that returns the sections a user should see (for
the coordinator: new referrals, requests to triage, proposals without answer,
follow-ups due, overdue requests, events to evaluate). Each function must run
a fixed number of queries, whatever the amount of data.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    since: datetime
    detail: str = ""
    overdue: bool = False
    # Whom the item waits on, when that is not the reader (e.g. the enterprise, for the
    # coordinator watching a proposal); empty means it waits on the reader.
    waiting_on: str = ""

    @property
    def age_days(self) -> int:
        return (timezone.now() - self.since).days


@dataclass(frozen=True)
class InboxSection:
    title: str | Promise
    items: list[InboxItem] = field(default_factory=list)
    # Shown when a section has more items than it lists, with a link to all.
    total: int | None = None
    more_url: str = ""

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total


SectionProvider = Callable[[object], Iterable[InboxSection]]
_providers: list[SectionProvider] = []


def register(provider: SectionProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(user) -> list[InboxSection]:
    return [section for provider in _providers for section in provider(user)]
