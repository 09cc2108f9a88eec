"""Every URL of the URLconf answers every persona as its declared rule says.

The URLconf is walked from `get_resolver()` (as in test_bad_input_everywhere, whose small
world fills the parameters), so a URL added without a rule in its app's `ACCESS` fails
here. Each URL is asked once with GET by each role, by a user with no membership and by an
anonymous visitor; the admin site is one rule, asked at its index. The answers are the
coarse classes of `lotsen.core.access`; the apps' own access tests check the details.
"""

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from lotsen.core.access import (
    ADMIN_SITE,
    ANONYMOUS,
    DENIED,
    LOGIN,
    OK,
    PERSONAS,
    POST,
    declared_rules,
    rule_for,
)

from . import test_bad_input_everywhere as bad_input
from .test_bad_input_everywhere import fill, real_values, url_patterns

# The small world whose objects fill the URL parameters, shared with the bad-input walk.
world = bad_input.world

REDIRECTS = {301, 302, 303, 307, 308}


def matrix_patterns():
    """(route, name) of every URL, the admin site's own pages left to its index."""
    for route, name in url_patterns():
        if not name.startswith(ADMIN_SITE) or name == "admin:index":
            yield route, name.lstrip(":")


def answer_class(response) -> str:
    status = response.status_code
    if status in REDIRECTS:
        target = response["Location"].split("?")[0]
        login_pages = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
        return LOGIN if target in login_pages else OK
    if 200 <= status < 300:
        return OK
    if status in (403, 404):
        return DENIED
    if status == 405:
        return POST
    return f"status {status}"


def test_every_url_has_a_rule():
    rules = declared_rules()
    missing = sorted(name for _route, name in matrix_patterns() if not rule_for(name, rules))
    assert not missing, (
        "These URL patterns have no rule in their app's policies.ACCESS "
        f"(lotsen/core/access.py): {', '.join(missing)}"
    )


def test_every_rule_names_a_url():
    names = {name for _route, name in matrix_patterns()} | {ADMIN_SITE}
    stale = sorted(declared_rules().keys() - names)
    assert not stale, f"These rules name no URL pattern: {', '.join(stale)}"


def test_every_url_answers_every_persona_as_declared(client, all_personas, world):
    rules = declared_rules()
    wrong = []
    for route, name in matrix_patterns():
        rule = rule_for(name, rules)
        if rule is None:
            continue  # reported by test_every_url_has_a_rule
        path = fill(route, real_values(route, name, world))
        for persona in PERSONAS:
            client.logout()
            if persona != ANONYMOUS:
                client.force_login(all_personas[persona])
            got = answer_class(client.get(path))
            expected = rule.expected(persona)
            if got != expected:
                wrong.append(f"{name} ({path}) for {persona}: {got}, declared {expected}")
    assert not wrong, "Answers that differ from the declared rule:\n" + "\n".join(wrong)
