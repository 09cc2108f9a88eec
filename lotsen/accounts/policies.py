"""Who may see and do what with accounts.

Every app has such a module. Views ask it; they never test roles themselves.
"""

from .models import Role


def can_use_admin(user) -> bool:
    """Only system administrators reach the Django admin."""
    return bool(user.is_active and user.is_authenticated and user.has_role(Role.ADMIN))


def is_coordinator(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR))


def has_any_role(user, *roles: str) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))
