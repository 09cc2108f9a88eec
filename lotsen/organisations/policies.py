"""Who may see and change organisations, enterprise profiles and the actor mapping.

Organisations are not personal data; their register is open to everyone who
works in the support structure. Changing them is the coordinator's job.
An enterprise's directory profile is public once the enterprise has chosen so;
its own representatives edit it, and the coordinator verifies what decides
eligibility. The actor mapping holds the coordinator's judgements of other
organisations and is the coordinator's alone.
"""

from django.db.models import Q

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import MEMBERS, PUBLIC, only


def organisations_visible_to(user, queryset):
    if user.is_authenticated and user.roles:
        return queryset
    return queryset.none()


def can_view_register(user) -> bool:
    return bool(user.is_authenticated and user.roles)


def can_manage(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def own_enterprises(user):
    """The organisations `user` represents as an enterprise."""
    from .models import Organisation

    return Organisation.objects.where_user_holds(user, Role.ENTERPRISE)


def _own_enterprise_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(own_enterprises(user).values_list("pk", flat=True))


def profiles_visible_to(user, queryset):
    """Public profiles for everyone; hidden ones for their own enterprise and the coordinator."""
    if can_manage(user):
        return queryset
    if has_role(user, Role.ENTERPRISE):
        return queryset.filter(Q(is_public=True) | Q(organisation__in=_own_enterprise_ids(user)))
    return queryset.filter(is_public=True)


def public_profiles(queryset):
    """What anyone may see and download, whoever asks: the open data."""
    return queryset.filter(is_public=True)


def is_enterprise_user(user) -> bool:
    return has_role(user, Role.ENTERPRISE)


def can_edit_profile(user, profile) -> bool:
    if can_manage(user):
        return True
    return profile.organisation_id in _own_enterprise_ids(user)


def profiles_editable_by(user, organisations):
    """The enterprises whose profile `user` may edit: all for those who manage the register."""
    if can_manage(user):
        return organisations
    return organisations.filter(pk__in=own_enterprises(user).values("pk"))


def can_see_history(user, profile) -> bool:
    return can_edit_profile(user, profile)


def can_verify(user) -> bool:
    return can_manage(user)


def can_move_verification(user, profile, status: str) -> bool:
    """The coordinator decides on profiles; an enterprise's own edit of what makes it
    eligible sends its profile back to pending by the rules, not by its choice."""
    return can_verify(user)


def edits_need_verification(user) -> bool:
    """Eligibility changes by the enterprise go to the coordinator; the coordinator's do not."""
    return not can_manage(user)


def actor_mappings_visible_to(user, queryset):
    if can_manage(user):
        return queryset
    return queryset.none()


def can_map_actors(user) -> bool:
    return can_manage(user)


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "organisations:list": MEMBERS,
    "organisations:create": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:import": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:export_csv": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:export_xlsx": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:actors": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:detail": MEMBERS,
    "organisations:edit": only(Role.COORDINATOR, Role.ADMIN),
    "organisations:actor_edit": only(Role.COORDINATOR, Role.ADMIN),
    "directory:list": PUBLIC,
    "directory:mine": only(Role.ENTERPRISE),
    "directory:review": only(Role.COORDINATOR, Role.ADMIN),
    "directory:open_data": PUBLIC,
    "directory:open_data_csv": PUBLIC,
    "directory:open_data_json": PUBLIC,
    "directory:open_data_table_schema": PUBLIC,
    "directory:open_data_json_schema": PUBLIC,
    "directory:detail": PUBLIC,
    "directory:logo": PUBLIC,
    "directory:photo": PUBLIC,
    "directory:edit": only(Role.COORDINATOR, Role.ENTERPRISE, Role.ADMIN),
    "directory:history": only(Role.COORDINATOR, Role.ENTERPRISE, Role.ADMIN),
    "directory:verify": only(Role.COORDINATOR, Role.ADMIN),
}
