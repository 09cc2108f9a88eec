"""The site navigation, assembled from what each app registers.

An app adds its entries in AppConfig.ready() with `register(...)`, each in one of
the study's areas. A signed-in user's menu is one row of areas (decision 0161); a
visitor's is the few public entries side by side. Each user sees only the entries
whose `visible` test passes, so the menu never offers a page the role may not use.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Area:
    """One of the study's areas of work, shown as a group in the signed-in menu."""

    slug: str
    label: str | Promise
    order: int


PILOT_FUNCTION = Area("lotsning", pgettext_lazy("menu area", "Pilot function"), 1)
SUPPORT = Area("stod", pgettext_lazy("menu area", "Support"), 2)
# Sales and procurement sits in dialogue: an arena where buyers meet the enterprises.
DIALOGUE = Area("dialog", pgettext_lazy("menu area", "Dialogue and knowledge"), 3)
FOLLOW_UP = Area("uppfoljning", pgettext_lazy("menu area", "Follow-up and funding"), 4)
ADMINISTRATION = Area("administration", pgettext_lazy("menu area", "Administration"), 5)


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[object], bool]
    order: int = 100
    # None keeps the entry on the top row of its own, as "My overview".
    area: Area | None = None


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    current: bool = False


@dataclass(frozen=True)
class Group:
    """The links of one area a user may use; shown as a disclosure."""

    area: Area
    links: list[Link]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


_items: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if all(existing.url_name != item.url_name for existing in _items):
            _items.append(item)
    _items.sort(key=lambda item: item.order)


def everyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def visitor(user) -> bool:
    return not user.is_authenticated


def home_url(user) -> str:
    """Where "home" leads: a signed-in user's own overview, the public start page otherwise."""
    return reverse("core:dashboard" if user.is_authenticated else "core:home")


def _links(items: list[NavItem], current_path: str) -> list[tuple[NavItem, Link]]:
    urls = [reverse(item.url_name) for item in items]
    # The longest address that the current page lies under is the current entry, so
    # /stod/timbank/ marks "Time bank" and not "Requests" at /stod/ as well.
    matching = [
        url for url in urls if current_path == url or (url != "/" and current_path.startswith(url))
    ]
    current = max(matching, key=len) if matching else None
    return [
        (item, Link(item.label, url, current=url == current))
        for item, url in zip(items, urls, strict=True)
    ]


def menu_for(user, current_path: str) -> list[Link | Group]:
    """The entries of the user's menu in order: plain links and groups of links.

    An area with a single link for this user is shown as that link.
    """
    entries = _links([item for item in _items if item.visible(user)], current_path)
    if not user.is_authenticated:
        return [link for _, link in entries]
    top = [link for item, link in entries if item.area is None]
    by_area: dict[Area, list[Link]] = {}
    for item, link in entries:
        if item.area is not None:
            by_area.setdefault(item.area, []).append(link)
    for area in sorted(by_area, key=lambda area: area.order):
        links = by_area[area]
        top.append(links[0] if len(links) == 1 else Group(area, links))
    return top
