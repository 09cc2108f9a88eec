"""The expected answer of every URL for every persona, declared next to each app's policies.

Each app's `policies.py` holds `ACCESS = {"namespace:url_name": Rule}`; the rules of URLs
outside the apps (the home page, the language switch, the admin site) are in
`lotsen/core/policies.py`. `lotsen/core/tests/test_access_matrix.py` walks the whole
URLconf and fails on a URL without a rule and on a persona answered otherwise (decision
0185). The answers are coarse: "ok" (the page, or a redirect that is not to a login page),
"login" (sent to log in) and "denied" (403, or 404 where the object is outside the
persona's scope); a URL that takes only a posted form answers a GET with "post only".
The policies themselves say why; the app's own tests check the details.
"""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

from lotsen.core.roles import Role

OK, LOGIN, DENIED = "ok", "login", "denied"
# A GET answered 405: the URL only takes a posted form.
POST = "post only"
# Signed in without a membership in any organisation.
OUTSIDER = "outsider"
# A participant signed in with e-legitimation to their own page: no membership, no
# password, only their own data (decision 0203).
PARTICIPANT = "participant"
ANONYMOUS = "anonymous"
SIGNED_IN_PERSONAS = (*Role.values, OUTSIDER, PARTICIPANT)
PERSONAS = (*SIGNED_IN_PERSONAS, ANONYMOUS)


@dataclass(frozen=True)
class Rule:
    """The signed-in personas answered "ok", what the others get, and the anonymous answer.

    `post_only`: the URL changes something and answers a GET with 405 to anyone signed
    in; who may post is checked by the app's own tests (the matrix sends GET only).
    """

    ok: frozenset[str] = frozenset()
    anonymous: str = LOGIN
    others: str = DENIED
    post_only: bool = False

    def expected(self, persona: str) -> str:
        if persona == ANONYMOUS:
            return self.anonymous
        if self.post_only:
            return POST
        return OK if persona in self.ok else self.others


def only(*personas: str, anonymous: str = LOGIN) -> Rule:
    return Rule(ok=frozenset(personas), anonymous=anonymous)


PUBLIC = only(*SIGNED_IN_PERSONAS, anonymous=OK)
SIGNED_IN = only(*SIGNED_IN_PERSONAS)
# Anyone holding a role in an organisation, whatever it is.
MEMBERS = only(*Role.values)
POST_ONLY = Rule(post_only=True)
# The URLs of the admin site are one rule: `lotsen/core/policies.py` declares "admin:".
ADMIN_SITE = "admin:"


def declared_rules() -> dict[str, Rule]:
    """Every app's `ACCESS`, merged; a URL name declared twice is an error."""
    rules: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        module_name = f"{config.name}.policies"
        if not config.name.startswith("lotsen.") or find_spec(module_name) is None:
            continue
        access = getattr(import_module(module_name), "ACCESS", {})
        twice = rules.keys() & access.keys()
        if twice:
            raise ValueError(f"{module_name} declares again: {', '.join(sorted(twice))}")
        rules.update(access)
    return rules


def rule_for(url_name: str, rules: dict[str, Rule]) -> Rule | None:
    if url_name.startswith(ADMIN_SITE):
        return rules.get(ADMIN_SITE)
    return rules.get(url_name)
