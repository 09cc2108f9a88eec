"""Every URL of the URLconf, for every role, answers hostile input without a 5xx.

The URLconf is walked from `get_resolver()`, so a new page is covered the day it is
added. Each pattern is requested with its parameters filled from a small world where
a real value is known, and with bad values in their place: NUL bytes, invalid UTF-8,
100,000 characters, negative and huge numbers; the same in the query string and in
a posted form, both urlencoded and multipart. The values `BadInputMiddleware`
refuses are checked to answer 400 (they never reach a view, so once per pattern is
enough); the values it lets through reach the views for every role and must not
make any of them fail.
"""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.events.tests.factories import EventFactory
from lotsen.funding.tests.factories import PlanFactory, PlanItemFactory
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.placements import services
from lotsen.placements.models import FollowUp
from lotsen.placements.tests.factories import OpeningFactory, activate, enterprise_of, propose
from lotsen.scheduling.tests.factories import jobs_done_on_time
from lotsen.support.tests.factories import OfferFactory, SupportRequestFactory

HUGE = "9" * 30
NEGATIVE = "-1"
LONG = "ä" * 100_000
# Admitted by the middleware, yet hostile: LIKE wildcards and quotes at the length bound.
TEXT_AT_BOUND = "å%_\\'" * 200
# Every query parameter a page of Lotsen reads, and those of the admin's change lists.
QUERY_NAMES = (
    "q",
    "page",
    "sort",
    "format",
    "status",
    "kind",
    "year",
    "ar",
    "runda",
    "referrals",
    "openings",
    "organisation",
    "municipality",
    "area",
    "from",
    "to",
    "next",
    "o",
    "p",
    "e",
    "id__exact",
    "_changelist_filters",
)
NAME_ATTRIBUTE = re.compile(r'name="([^"]+)"')
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(route, name) of every path() in the URLconf; regex routes are skipped."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from url_patterns(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if isinstance(pattern.pattern, RoutePattern) and "^" not in route:
                yield route, f"{namespace}:{pattern.name}"


def fill(route: str, values: dict[str, str]) -> str:
    return "/" + CONVERTER.sub(lambda match: values[match.group(2)], route)


@pytest.fixture
def world(all_personas, make_persona):
    """One of each thing with an address, seen by the personas' organisations."""
    # /readyz answers 200 only when no scheduled job is overdue.
    jobs_done_on_time(timezone.now())
    coordinator = all_personas[Role.COORDINATOR]
    caseworker = all_personas[Role.CASEWORKER]
    enterprise_user = all_personas[Role.ENTERPRISE]
    enterprise = enterprise_of(enterprise_user)
    opening = OpeningFactory(enterprise=enterprise)
    placement = activate(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    services.follow_up_record(
        actor=enterprise_user,
        placement=placement,
        follow_up=FollowUp(date=datetime.date.today(), phase="during", hours_attended=12),
        scores={"motivation": 3},
    )
    plan = PlanFactory()
    return {
        "code": placement.referral.participant.code,
        "slug": enterprise.slug,
        "year": str(plan.year),
        "token": "x" * 40,
        "series": "x",
        "key": "x",
        "kind": "pdf",
        "file_format": "csv",
        "action": "close",
        "uidb64": "MQ",
        "pk": str(placement.pk),
        "placements:referral": str(placement.referral_id),
        "placements:opening": str(opening.pk),
        "matching:referral": str(placement.referral_id),
        "matching:opening": str(opening.pk),
        "events:": EventFactory().slug,
        "knowledge:": ResourceFactory().slug,
        "funding:item": str(PlanItemFactory(plan=plan).pk),
        "support:offer": str(OfferFactory().pk),
        "support:request": str(SupportRequestFactory().pk),
        "admin:": str(coordinator.pk),
    }


def real_values(route: str, url_name: str, world: dict) -> dict[str, str]:
    """The route's parameters from the world; a number that names nothing where unknown.

    A key "namespace:url_name.parameter" gives one parameter of one URL; a key that starts
    a URL name ("events:", "funding:item") gives all its parameters but the year.
    """
    values = {}
    for _converter, name in CONVERTER.findall(route):
        if f"{url_name}.{name}" in world:
            values[name] = world[f"{url_name}.{name}"]
            continue
        specific = [
            world[key]
            for key in world
            if ":" in key and url_name.startswith(key) and name != "year"
        ]
        values[name] = specific[-1] if specific else world.get(name, "1")
    return values


REFUSED_PATH_VALUES = ("a%00b", "%ff%fe", LONG)
ADMITTED_PATH_VALUES = (NEGATIVE, HUGE)
REFUSED_QUERIES = ("q=a%00b", "q=%ff%fe", "%ff=1", f"q={'x' * 100_000}", f"page={HUGE}")


def with_value(route: str, real: dict[str, str], name: str, value: str) -> str:
    return fill(route, {**real, name: value})


def refused_posts(client, path: str):
    """Each kind of form the middleware refuses, multipart and urlencoded."""
    urlencoded = "application/x-www-form-urlencoded"
    yield client.post(path, {"q": "a\x00b"})
    yield client.post(path, {"id": HUGE})
    yield client.post(path, "q=%ff%fe", content_type=urlencoded)
    yield client.post(path, "q=a%00b", content_type=urlencoded)


def form_names(response) -> set[str]:
    """The fields of the page's posted forms, to be filled with hostile values."""
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return set()
    html = response.content.decode()
    if 'method="post"' not in html.lower():
        return set()
    return set(NAME_ATTRIBUTE.findall(html)) - {"csrfmiddlewaretoken"}


def hostile_data(names: set[str]) -> dict[str, str]:
    """Every field negative or 100,000 characters long, in turn."""
    return {
        name: (NEGATIVE, LONG)[index % 2] for index, name in enumerate(sorted(names | {"q", "id"}))
    }


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what} answered {response.status_code}"


def assert_refused(response, what: str) -> None:
    assert response.status_code == 400, f"{what} answered {response.status_code}, not 400"


@pytest.fixture
def patterns():
    return list(url_patterns())


def test_the_walk_covers_the_whole_urlconf(patterns):
    names = {name for _route, name in patterns}
    assert {"placements:participant_detail", "support:attachment", "admin:index"} <= names
    assert len(patterns) > 300


def test_every_url_refuses_what_the_middleware_refuses(client, world, patterns):
    """Refused before the URL is resolved: one kind of bad input per URL, each kind often."""
    client.raise_request_exception = True
    for index, (route, url_name) in enumerate(patterns):
        real = real_values(route, url_name, world)
        path = fill(route, real)
        query = REFUSED_QUERIES[index % len(REFUSED_QUERIES)]
        assert_refused(client.get(f"{path}?{query}"), f"GET {path}?{query[:20]}")
        posts = list(refused_posts(client, path))
        assert_refused(posts[index % len(posts)], f"POST {path}")
        for name in real:
            value = REFUSED_PATH_VALUES[index % len(REFUSED_PATH_VALUES)]
            bad_path = with_value(route, real, name, value)
            assert_refused(client.get(bad_path), f"GET {bad_path[:80]}")


ROLES = [*Role.values, "outsider", "anonymous"]


@pytest.mark.parametrize("role", ROLES)
def test_no_url_fails_on_hostile_input_for_any_role(client, all_personas, world, patterns, role):
    client.raise_request_exception = True
    user = None if role == "anonymous" else all_personas[role]
    if user:
        client.force_login(user)
    # Numbers no row has and text at the bound, in every parameter a page reads.
    hostile_query = urlencode(
        [(name, (NEGATIVE, TEXT_AT_BOUND)[index % 2]) for index, name in enumerate(QUERY_NAMES)]
        + [("q", TEXT_AT_BOUND)]
    )
    for index, (route, url_name) in enumerate(patterns):
        if url_name.startswith("admin:") and role != Role.ADMIN and url_name != "admin:index":
            # The admin site refuses every other role before reading anything.
            continue
        real = real_values(route, url_name, world)
        path = fill(route, real)
        response = client.get(f"{path}?{hostile_query}")
        assert_no_server_error(response, f"GET {path} with a hostile query")
        names = form_names(response)
        query = REFUSED_QUERIES[index % len(REFUSED_QUERIES)]
        assert_refused(client.get(f"{path}?{query}"), f"GET {path}?{query[:20]}")
        for name in real:
            for value in ADMITTED_PATH_VALUES:
                bad_path = with_value(route, real, name, value)
                assert_no_server_error(client.get(bad_path), f"GET {bad_path[:80]}")
        if names:
            response = client.post(path, hostile_data(names))
            assert_no_server_error(response, f"POST {path} with hostile fields")
        if user and url_name == ":account_logout":
            client.force_login(user)
