"""Who may see and do what in engagement.

- Enterprise users declare interest and ask for their enterprise while an opportunity
  is open; the public sees a question only with its answer, never who asked.
- The buyer who publishes an opportunity and the coordinator answer questions and see
  who is interested and who asked.
- A consortium and its workspace are its members' users' and the coordinator's; to
  anyone else they do not exist (404).
- Supplier networks are public; enterprises join them, the coordinator keeps them.
"""

from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.accounts.policies import is_coordinator
from lotsen.core.access import POST_ONLY, PUBLIC, only

from . import enterprises_of, publishes_for


def is_open(opportunity) -> bool:
    """Published and before the tender deadline."""
    from ..models import Opportunity

    return opportunity.status == Opportunity.Status.PUBLISHED and (
        opportunity.tenders_due is None or timezone.now() < opportunity.tenders_due
    )


def acting_enterprise(user):
    """The enterprise a user engages for: their first, by name."""
    if not user.is_authenticated:
        return None
    return enterprises_of(user).order_by("name").first()


def can_declare_interest(user, opportunity) -> bool:
    return is_open(opportunity) and enterprises_of(user).exists()


def sees_engagement_of(user, opportunity) -> bool:
    """Who is interested and who asked: the publishing buyer and the coordinator."""
    return publishes_for(user, opportunity) or is_coordinator(user)


def can_ask(user, opportunity) -> bool:
    """Before the day questions close; without that day, until tenders are due."""
    if not is_open(opportunity) or not enterprises_of(user).exists():
        return False
    until = opportunity.questions_until
    return until is None or timezone.localdate() <= until


can_answer = sees_engagement_of


def questions_visible_to(user, opportunity):
    questions = opportunity.questions.all()
    if sees_engagement_of(user, opportunity):
        return questions
    return questions.exclude(answer="")


def can_form_consortium(user, opportunity) -> bool:
    return (
        is_open(opportunity)
        and opportunity.interests.filter(enterprise__in=enterprises_of(user)).exists()
    )


def consortia_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    mine = queryset.filter(members__enterprise__in=enterprises_of(user)).values("pk")
    return queryset.filter(pk__in=mine)


def leads(user, consortium) -> bool:
    return enterprises_of(user).filter(pk=consortium.lead_id).exists()


def can_remove_member(user, member) -> bool:
    """The lead removes others; a member leaves. The lead itself stays."""
    if member.enterprise_id == member.consortium.lead_id:
        return False
    return leads(user, member.consortium) or (
        enterprises_of(user).filter(pk=member.enterprise_id).exists()
    )


def can_keep_networks(user) -> bool:
    return is_coordinator(user)


def can_join_networks(user) -> bool:
    return enterprises_of(user).exists()


ENTERPRISE_AND_COORDINATOR = only(Role.COORDINATOR, Role.ENTERPRISE)

# The expected answer of each URL of this part for each persona (lotsen.core.access).
ACCESS: dict = {
    "procurement:questions": PUBLIC,
    "procurement:question_answer": only(Role.COORDINATOR, Role.BUYER),
    "procurement:interest_declare": POST_ONLY,
    "procurement:interest_withdraw": POST_ONLY,
    "procurement:interest_list": only(Role.COORDINATOR, Role.BUYER),
    # Enterprise users see their own consortia; the world's enterprise is interested.
    "procurement:consortium_list": ENTERPRISE_AND_COORDINATOR,
    "procurement:consortium_create": only(Role.ENTERPRISE),
    "procurement:consortium_detail": ENTERPRISE_AND_COORDINATOR,
    "procurement:consortium_attachment": ENTERPRISE_AND_COORDINATOR,
    # The lead adds members.
    "procurement:consortium_member_add": only(Role.ENTERPRISE),
    "procurement:consortium_member_remove": POST_ONLY,
    "procurement:consortium_message": POST_ONLY,
    "procurement:consortium_checklist_add": POST_ONLY,
    "procurement:consortium_checklist_toggle": POST_ONLY,
    "procurement:network_list": PUBLIC,
    "procurement:network_detail": PUBLIC,
    "procurement:network_create": only(Role.COORDINATOR),
    "procurement:network_edit": only(Role.COORDINATOR),
    "procurement:network_join": POST_ONLY,
    "procurement:network_leave": POST_ONLY,
}
