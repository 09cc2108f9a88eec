"""The expected answers of the URLs outside the apps: home, language, health, admin."""

from lotsen.core.access import ADMIN_SITE, LOGIN, PUBLIC, SIGNED_IN, Rule
from lotsen.core.roles import Role

ACCESS = {
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "core:home": PUBLIC,
    "core:dashboard": SIGNED_IN,
    "core:accessibility": PUBLIC,
    # The admin site admits the admin role only; everyone else is sent to its login.
    ADMIN_SITE: Rule(ok=frozenset({Role.ADMIN}), others=LOGIN),
}
