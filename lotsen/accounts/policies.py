"""Who may see and do what with accounts.

Every app has such a module. Views ask it; they never test roles themselves.
"""

from lotsen.core.access import POST, PUBLIC, SIGNED_IN, Rule

from .models import Role


def can_use_admin(user) -> bool:
    """Only system administrators reach the Django admin."""
    return bool(user.is_active and user.is_authenticated and user.has_role(Role.ADMIN))


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR))


def has_any_role(user, *roles: str) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "accounts:login": PUBLIC,
    "accounts:logout": Rule(post_only=True, anonymous=POST),
    "accounts:password_change": SIGNED_IN,
    "accounts:password_change_done": SIGNED_IN,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
}
