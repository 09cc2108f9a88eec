"""Who may see and do what with the financing of the support structure.

- The coordinator runs it: drafts plans, books contributions and expenditures.
- The steering group sees every plan and follow-up page and adopts plans, but
  no person-level data (who booked what is not shown to it).
- Members of a party organisation see their own party's contributions.
- Everyone else sees nothing.
"""

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.core.access import POST_ONLY, only
from lotsen.organisations.models import Organisation


def _is_steering(user) -> bool:
    return has_role(user, Role.STEERING)


def party_ids_of(user) -> set[int]:
    """The party organisations the user is a member of, in any role."""
    if not user.is_authenticated:
        return set()
    return set(
        user.memberships.filter(organisation__kind=Organisation.Kind.PARTY).values_list(
            "organisation_id", flat=True
        )
    )


def can_follow_up(user) -> bool:
    """See plans, follow-up, scenarios and exports."""
    return is_coordinator(user) or _is_steering(user)


def can_manage(user) -> bool:
    return is_coordinator(user)


def can_adopt(user) -> bool:
    return _is_steering(user)


def can_move_plan(user, plan, status: str) -> bool:
    """The steering group adopts the plan; the coordinator closes the year."""
    from .models import Plan

    if status == Plan.Status.ADOPTED:
        return can_adopt(user)
    return status == Plan.Status.CLOSED and can_manage(user)


def can_see_people(user) -> bool:
    """Person-level data (who booked, who adopted) is for the coordinator only."""
    return is_coordinator(user)


def can_use_funding(user) -> bool:
    return can_follow_up(user) or bool(party_ids_of(user))


def plans_visible_to(user, queryset):
    return queryset if can_follow_up(user) else queryset.none()


def expenditures_visible_to(user, queryset):
    return queryset if can_follow_up(user) else queryset.none()


def contributions_visible_to(user, queryset):
    if can_follow_up(user):
        return queryset
    parties = party_ids_of(user)
    return queryset.filter(party_id__in=parties) if parties else queryset.none()


def delivered_efforts_visible_to(user, queryset):
    return queryset if can_manage(user) else queryset.none()


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    # Anyone in a party sees its contributions; the personas in parties are these.
    "funding:index": only(Role.COORDINATOR, Role.CASEWORKER, Role.STEERING, Role.ADMIN, Role.BUYER),
    "funding:plan_create": only(Role.COORDINATOR),
    "funding:plan": only(Role.COORDINATOR, Role.STEERING),
    "funding:plan_edit": only(Role.COORDINATOR),
    "funding:item_create": only(Role.COORDINATOR),
    "funding:item_edit": only(Role.COORDINATOR),
    "funding:item_remove": POST_ONLY,
    "funding:plan_adopt": POST_ONLY,
    "funding:plan_close": POST_ONLY,
    "funding:followup": only(Role.COORDINATOR, Role.STEERING),
    "funding:followup_pdf": only(Role.COORDINATOR, Role.STEERING),
    "funding:export_xlsx": only(Role.COORDINATOR, Role.STEERING),
    "funding:contributions": only(
        Role.COORDINATOR, Role.CASEWORKER, Role.STEERING, Role.ADMIN, Role.BUYER
    ),
    "funding:contribution_create": only(Role.COORDINATOR),
    "funding:expenditures": only(Role.COORDINATOR, Role.STEERING),
    "funding:expenditure_create": only(Role.COORDINATOR),
    "funding:delivered": only(Role.COORDINATOR),
    "funding:scenarios": only(Role.COORDINATOR, Role.STEERING),
    "funding:scenario_create": only(Role.COORDINATOR),
    "funding:scenario": only(Role.COORDINATOR, Role.STEERING),
}
