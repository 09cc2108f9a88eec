"""Who may see and edit the knowledge node.

Published resources whose publish date has come are public, for visitors too.
Editors are the coordinator, who answers for the node as a whole ("one voice"),
and support providers, for the resources of the organisations they work in.
Drafts and resources waiting for their publish date are seen by their editors
only. The system administrator works in the admin site, not as an editor.
"""

from django.db.models import Q

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.core.access import POST_ONLY, PUBLIC, only
from lotsen.organisations.models import Organisation

from .models import public_condition


def _provider_organisation_ids(user) -> list[int]:
    if not has_role(user, Role.PROVIDER):
        return []
    return list(
        user.memberships.filter(role=Role.PROVIDER).values_list("organisation_id", flat=True)
    )


def resources_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    organisation_ids = _provider_organisation_ids(user)
    if not organisation_ids:
        return queryset.public()
    return queryset.filter(public_condition() | Q(author_organisation_id__in=organisation_ids))


def can_create(user) -> bool:
    return is_coordinator(user) or bool(_provider_organisation_ids(user))


def can_edit(user, resource) -> bool:
    if is_coordinator(user):
        return True
    return resource.author_organisation_id in _provider_organisation_ids(user)


def can_move(user, resource, status: str) -> bool:
    """Whoever may edit a resource publishes it and takes it back to draft."""
    return can_edit(user, resource)


def author_organisations_for(user):
    """The organisations a user may name as author of a resource."""
    if is_coordinator(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=_provider_organisation_ids(user))


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "knowledge:list": PUBLIC,
    "knowledge:create": only(Role.COORDINATOR, Role.PROVIDER),
    "knowledge:detail": PUBLIC,
    "knowledge:edit": only(Role.COORDINATOR),
    "knowledge:attachment": PUBLIC,
    "knowledge:publish": POST_ONLY,
    "knowledge:unpublish": POST_ONLY,
}
