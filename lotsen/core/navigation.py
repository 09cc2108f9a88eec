"""The site navigation, assembled from what each app registers.

An app adds its entries in AppConfig.ready() with `register(...)`; the base
layout shows each user only the entries whose `visible` test passes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    public: bool = False


_items: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if all(existing.url_name != item.url_name for existing in _items):
            _items.append(item)
    _items.sort(key=lambda item: item.order)


def everyone(user) -> bool:
    return True


def items_for(user, current_path: str) -> list[dict]:
    entries = []
    for item in _items:
        if not item.visible(user):
            continue
        url = reverse(item.url_name)
        is_current = current_path == url or (url != "/" and current_path.startswith(url))
        entries.append(
            {"label": item.label, "url": url, "current": is_current, "public": item.public}
        )
    return entries
