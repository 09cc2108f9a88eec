"""Only the coordinator reviews who has seen and changed personal data."""

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import only


def can_review(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def events_visible_to(user, queryset):
    return queryset if can_review(user) else queryset.none()


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "audit:list": only(Role.COORDINATOR),
}
