"""Who may see events and registrations, and who organises them.

Public events are open to everyone; members-only events (always the
steering-group meetings) to people with a role in the support structure.
Coordinators organise any event; support providers the events their own
organisation organises. Registrations are personal data: a person sees their
own, organisers those of their events.
"""

from django.db.models import Q

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import PUBLIC, only
from lotsen.organisations.models import Organisation

ORGANISING_ROLES = (Role.COORDINATOR, Role.PROVIDER)


def is_member(user) -> bool:
    return bool(user.is_authenticated and user.roles)


def events_visible_to(user, queryset):
    from .models import Event

    if is_member(user):
        return queryset
    return queryset.filter(visibility=Event.Visibility.PUBLIC)


def can_organise_events(user) -> bool:
    return has_role(user, *ORGANISING_ROLES)


def events_managed_by(user, queryset):
    if not can_organise_events(user):
        return queryset.none()
    if user.has_role(Role.COORDINATOR):
        return queryset
    own = Organisation.objects.where_user_holds(user, Role.PROVIDER).values("pk")
    return queryset.filter(pk__in=queryset.model.objects.filter(organisers__in=own).values("pk"))


def can_manage_event(user, event) -> bool:
    if not can_organise_events(user):
        return False
    if user.has_role(Role.COORDINATOR):
        return True
    return event.organisers.filter(memberships__user=user, memberships__role=Role.PROVIDER).exists()


def organisations_user_may_name_as_organiser(user):
    """A provider must name their own organisation among the organisers."""
    if user.has_role(Role.COORDINATOR):
        return None
    return Organisation.objects.where_user_holds(user, Role.PROVIDER)


def registrations_visible_to(user, queryset):
    from .models import Event

    if not user.is_authenticated:
        return queryset.none()
    if user.has_role(Role.COORDINATOR):
        return queryset
    managed = events_managed_by(user, Event.objects.all()).values("pk")
    return queryset.filter(Q(user=user) | Q(event__in=managed))


def can_move_registration(user, registration, status: str) -> bool:
    """The person cancels their own registration, and an organiser anyone's; places are
    offered from the waiting list by the rules alone, never by hand."""
    from .models import Registration

    if status != Registration.Status.CANCELLED or not user.is_authenticated:
        return False
    return registration.user_id == user.pk or can_manage_event(user, registration.event)


def can_view_turnout(user) -> bool:
    """Turnout is aggregated: the coordinator and the steering group follow it."""
    return has_role(user, Role.COORDINATOR, Role.STEERING)


def registrations_counted_for(user, queryset):
    """Registrations that enter the turnout figures a user sees (counts, never names)."""
    return queryset if can_view_turnout(user) else queryset.none()


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "events:calendar": PUBLIC,
    "events:feed": PUBLIC,
    "events:manage": only(Role.COORDINATOR, Role.PROVIDER),
    "events:create": only(Role.COORDINATOR, Role.PROVIDER),
    "events:turnout": only(Role.COORDINATOR, Role.STEERING),
    "events:cancel": PUBLIC,
    "events:detail": PUBLIC,
    "events:ics": PUBLIC,
    "events:edit": only(Role.COORDINATOR),
    "events:attendees": only(Role.COORDINATOR),
}
