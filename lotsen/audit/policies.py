"""Only the coordinator reviews who has seen and changed personal data."""

from lotsen.accounts.models import Role


def can_review(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR))


def events_visible_to(user, queryset):
    return queryset if can_review(user) else queryset.none()
