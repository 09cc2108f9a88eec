"""Who may see and do what with surveys.

The coordinator runs surveys and sees everything, including named responses
(personal data when a person answers; each look is audited). The steering
group and support actors see results only as aggregates, with small cells
hidden. Respondents need no account: their invitation link is their key. A
signed-in member of an invited organisation also finds the rounds that await
its answer on the survey list and in the inbox, with the same link.
"""

from django.db.models import Q
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import MEMBERS, POST_ONLY, PUBLIC, only
from lotsen.core.small_cells import SMALL_CELL_LIMIT  # noqa: F401 (re-exported to views)
from lotsen.organisations.models import Organisation

from .models import Survey


def can_manage(user) -> bool:
    return has_role(user, Role.COORDINATOR)


def can_move(user, survey, status: str) -> bool:
    """The coordinator opens and closes surveys."""
    return can_manage(user)


def can_view_results(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.STEERING, Role.PROVIDER)


def answers_for_an_organisation(user) -> bool:
    """Anyone with a role in an organisation may answer what that organisation is asked."""
    return bool(user.is_authenticated and user.roles)


def can_view_list(user) -> bool:
    return can_view_results(user) or answers_for_an_organisation(user)


def sees_small_cells(user) -> bool:
    """Counts below SMALL_CELL_LIMIT could single out someone; only the coordinator sees them."""
    return can_manage(user)


def can_view_responses(user) -> bool:
    return can_manage(user)


def surveys_visible_to(user, queryset):
    if can_manage(user):
        return queryset
    if can_view_results(user):
        return queryset.exclude(status=Survey.Status.DRAFT)
    return queryset.none()


def invitations_visible_to(user, queryset):
    return queryset if can_manage(user) else queryset.none()


def responses_visible_to(user, queryset):
    return queryset if can_view_responses(user) else queryset.none()


def invitations_awaiting(user, queryset):
    """The unanswered invitations of the user's organisations to rounds open now."""
    if not answers_for_an_organisation(user):
        return queryset.none()
    now = timezone.now()
    return queryset.filter(
        Q(survey__opens_at=None) | Q(survey__opens_at__lte=now),
        organisation__in=Organisation.objects.filter(memberships__user=user),
        answered=False,
        survey__status=Survey.Status.OPEN,
        survey__closes_at__gt=now,
    )


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "surveys:list": MEMBERS,
    "surveys:create": only(Role.COORDINATOR),
    "surveys:needs": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:thanks": PUBLIC,
    "surveys:respond": PUBLIC,
    "surveys:compare": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:panel": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:detail": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:results": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:export": only(Role.COORDINATOR, Role.PROVIDER, Role.STEERING),
    "surveys:response": only(Role.COORDINATOR),
    "surveys:question_add": only(Role.COORDINATOR),
    "surveys:question_edit": only(Role.COORDINATOR),
    "surveys:action": POST_ONLY,
}
