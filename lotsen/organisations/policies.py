"""Who may see and change organisations.

Organisations are not personal data; their register is open to everyone who
works in the support structure. Changing them is the coordinator's job.
"""

from lotsen.accounts.models import Role


def organisations_visible_to(user, queryset):
    if user.is_authenticated and user.roles:
        return queryset
    return queryset.none()


def can_view_register(user) -> bool:
    return bool(user.is_authenticated and user.roles)


def can_manage(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR, Role.ADMIN))
