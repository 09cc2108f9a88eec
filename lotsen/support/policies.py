"""Who may see and do what in the support function.

Requests carry personal data: the coordinator sees them all; a provider only
those assigned to their organisation; an enterprise those of its
organisation; anyone their own. Internal notes are for the coordinator and
the provider only.
"""

from django.db.models import Q

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.core.access import MEMBERS, POST_ONLY, PUBLIC, only
from lotsen.organisations.models import Organisation


def _provider_organisations(user):
    return Organisation.objects.where_user_holds(user, Role.PROVIDER).values("pk")


def _enterprise_organisations(user):
    return Organisation.objects.where_user_holds(user, Role.ENTERPRISE).values("pk")


def is_provider(user) -> bool:
    return has_role(user, Role.PROVIDER)


def is_enterprise(user) -> bool:
    return has_role(user, Role.ENTERPRISE)


# Offers -----------------------------------------------------------------


def offers_visible_to(user, queryset):
    """Published offers are public; providers also see their own drafts."""
    if is_coordinator(user):
        return queryset
    if is_provider(user):
        return queryset.filter(Q(is_published=True) | Q(provider__in=_provider_organisations(user)))
    return queryset.filter(is_published=True)


def can_create_offer(user) -> bool:
    return is_coordinator(user) or is_provider(user)


def can_edit_offer(user, offer) -> bool:
    if is_coordinator(user):
        return True
    return (
        is_provider(user)
        and Organisation.objects.where_user_holds(user, Role.PROVIDER)
        .filter(pk=offer.provider_id)
        .exists()
    )


def offer_providers_for(user, providers):
    """The providers `user` may offer support on behalf of: any for the coordinator."""
    if is_coordinator(user):
        return providers
    return providers.where_user_holds(user, Role.PROVIDER)


def can_view_gaps(user) -> bool:
    return is_coordinator(user)


# Requests ---------------------------------------------------------------


def requests_visible_to(user, queryset):
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    return queryset.filter(
        Q(requester=user)
        | Q(assigned_provider__in=_provider_organisations(user))
        | Q(requester_organisation__in=_enterprise_organisations(user))
    )


def can_list_requests(user) -> bool:
    return bool(user.is_authenticated and user.roles)


def can_triage(user) -> bool:
    return is_coordinator(user)


def works_on(user, support_request) -> bool:
    """The coordinator, or a provider of the organisation the request is assigned to."""
    if is_coordinator(user):
        return True
    return bool(
        support_request.assigned_provider_id
        and is_provider(user)
        and Organisation.objects.where_user_holds(user, Role.PROVIDER)
        .filter(pk=support_request.assigned_provider_id)
        .exists()
    )


def asks(user, support_request) -> bool:
    """The requester, or a colleague at the requesting enterprise."""
    if not user.is_authenticated:
        return False
    if support_request.requester_id == user.pk:
        return True
    return bool(
        support_request.requester_organisation_id
        and Organisation.objects.where_user_holds(user, Role.ENTERPRISE)
        .filter(pk=support_request.requester_organisation_id)
        .exists()
    )


def can_see_internal_notes(user, support_request) -> bool:
    return works_on(user, support_request)


def can_close(user, support_request) -> bool:
    return asks(user, support_request) or is_coordinator(user)


def can_match_mentor(user) -> bool:
    return is_coordinator(user)


# Time bank --------------------------------------------------------------


def accounts_visible_to(user, queryset):
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    return queryset.filter(
        Q(enterprise__in=_enterprise_organisations(user))
        | Q(offer__provider__in=_provider_organisations(user))
    )


def can_view_time_bank(user) -> bool:
    return is_coordinator(user) or is_enterprise(user) or is_provider(user)


def can_grant_hours(user) -> bool:
    return is_coordinator(user)


# Mentors ----------------------------------------------------------------


def mentors_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    if is_provider(user):
        return queryset.filter(organisation__in=_provider_organisations(user))
    return queryset.none()


def can_list_mentors(user) -> bool:
    return is_coordinator(user) or is_provider(user)


def can_manage_mentors(user) -> bool:
    return is_coordinator(user)


def matches_visible_to(user, queryset):
    if not user.is_authenticated:
        return queryset.none()
    if is_coordinator(user):
        return queryset
    return queryset.filter(
        Q(mentor__organisation__in=_provider_organisations(user))
        | Q(request__requester=user)
        | Q(request__requester_organisation__in=_enterprise_organisations(user))
    )


def can_log_meeting(user, match) -> bool:
    if is_coordinator(user):
        return True
    return bool(
        match.mentor.organisation_id
        and Organisation.objects.where_user_holds(user, Role.PROVIDER)
        .filter(pk=match.mentor.organisation_id)
        .exists()
    )


def can_rate_match(user, match) -> bool:
    return asks(user, match.request)


def can_move(user, support_request, status: str) -> bool:
    """Who may make each move; whether the move is allowed at all is the model's rule."""
    from .models import SupportRequest

    Status = SupportRequest.Status
    if status == Status.TRIAGED:
        return can_triage(user)
    if status == Status.IN_PROGRESS:
        if support_request.status == Status.RESOLVED:
            return asks(user, support_request) or is_coordinator(user)
        return works_on(user, support_request)
    if status == Status.RESOLVED:
        return works_on(user, support_request)
    if status == Status.CLOSED:
        return can_close(user, support_request)
    return False


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "support:contact": PUBLIC,
    "support:public_request": PUBLIC,
    "support:catalogue": PUBLIC,
    "support:offer_create": only(Role.COORDINATOR, Role.PROVIDER),
    "support:offer_detail": PUBLIC,
    "support:offer_edit": only(Role.COORDINATOR),
    "support:gaps": only(Role.COORDINATOR),
    "support:request_list": MEMBERS,
    "support:request_detail": only(Role.COORDINATOR),
    "support:request_triage": only(Role.COORDINATOR),
    "support:request_message": POST_ONLY,
    "support:request_move": POST_ONLY,
    "support:request_close": POST_ONLY,
    "support:request_hours": POST_ONLY,
    "support:attachment": only(Role.COORDINATOR, Role.ENTERPRISE),
    "support:request_mentor": only(Role.COORDINATOR),
    "support:timebank": only(Role.COORDINATOR, Role.ENTERPRISE, Role.PROVIDER),
    "support:timebank_grant": only(Role.COORDINATOR),
    "support:timebank_account": only(Role.COORDINATOR, Role.ENTERPRISE),
    "support:mentor_list": only(Role.COORDINATOR, Role.PROVIDER),
    "support:mentor_create": only(Role.COORDINATOR),
    "support:mentor_edit": only(Role.COORDINATOR),
    "support:match_detail": only(Role.COORDINATOR),
}
