"""Who may see and do what in the pilot function (DESIGN §3, docs/access-rules.md).

- coordinator: everything, identity included;
- caseworker: the participants, referrals and placements of their own party;
  every open work-training place (not personal data);
- enterprise: its own openings, and the participants proposed or placed with it,
  with only what a supervisor needs (no personnummer, no income source);
- steering: aggregated reports only, small cells hidden;
- provider, admin, outsider: no person-level data at all.
"""

from django.db.models import Q

from lotsen.accounts.models import Membership, Role
from lotsen.accounts.policies import is_coordinator
from lotsen.accounts.roles import has_role
from lotsen.core.access import POST_ONLY, only
from lotsen.organisations.models import Organisation

from .models import Opening, Placement


def _orgs(user, role: str):
    return Organisation.objects.where_user_holds(user, role).values("pk")


# ---------------------------------------------------------------- scoping


def openings_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    conditions = Q()
    if has_role(user, Role.CASEWORKER):
        conditions |= Q(status=Opening.Status.OPEN)
    if has_role(user, Role.ENTERPRISE):
        conditions |= Q(enterprise__in=_orgs(user, Role.ENTERPRISE))
    return queryset.filter(conditions) if conditions else queryset.none()


def participants_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    conditions = Q()
    if has_role(user, Role.CASEWORKER):
        conditions |= Q(referrals__referring_party__in=_orgs(user, Role.CASEWORKER))
    if has_role(user, Role.ENTERPRISE):
        conditions |= Q(
            referrals__placements__opening__enterprise__in=_orgs(user, Role.ENTERPRISE),
            referrals__placements__status__in=ENTERPRISE_SEES_PLACEMENT,
        )
    if not conditions:
        return queryset.none()
    # The joins over episodes may repeat a participant; a subquery keeps it once.
    return queryset.filter(pk__in=queryset.model.objects.filter(conditions).values("pk"))


def participants_findable_by_identity(user, queryset):
    """Whom a user may find by name or number: those whose identity they may see."""
    if is_coordinator(user):
        return queryset
    if has_role(user, Role.CASEWORKER):
        return queryset.filter(
            pk__in=queryset.model.objects.filter(
                referrals__referring_party__in=_orgs(user, Role.CASEWORKER)
            ).values("pk")
        )
    return queryset.none()


def referrals_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    if has_role(user, Role.CASEWORKER):
        return queryset.filter(referring_party__in=_orgs(user, Role.CASEWORKER))
    return queryset.none()


# A declined or cancelled proposal is no longer the enterprise's business.
ENTERPRISE_SEES_PLACEMENT = (
    Placement.Status.PROPOSED,
    Placement.Status.ACCEPTED,
    Placement.Status.AGREED,
    Placement.Status.ACTIVE,
    Placement.Status.ENDED,
)


def placements_visible_to(user, queryset):
    if is_coordinator(user):
        return queryset
    conditions = Q()
    if has_role(user, Role.CASEWORKER):
        conditions |= Q(referral__referring_party__in=_orgs(user, Role.CASEWORKER))
    if has_role(user, Role.ENTERPRISE):
        conditions |= Q(
            opening__enterprise__in=_orgs(user, Role.ENTERPRISE),
            status__in=ENTERPRISE_SEES_PLACEMENT,
        )
    return queryset.filter(conditions) if conditions else queryset.none()


def outcome_checks_visible_to(user, queryset):
    return queryset if is_coordinator(user) else queryset.none()


# ---------------------------------------------------------------- navigation and pages


def can_list_people(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE)


def can_search_by_identity(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.CASEWORKER)


def can_list_referrals(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.CASEWORKER)


def can_list_placements(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE)


def can_list_openings(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE)


def can_view_reports(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.STEERING)


def sees_small_cells(user) -> bool:
    """Only the coordinator sees counts under 5 in reports."""
    return is_coordinator(user)


# ---------------------------------------------------------------- what a role sees of a person


def sees_identity(user, participant) -> bool:
    """Name, personnummer and contact: the coordinator and the referring party."""
    if is_coordinator(user):
        return True
    return (
        has_role(user, Role.CASEWORKER)
        and participant.referrals.filter(referring_party__in=_orgs(user, Role.CASEWORKER)).exists()
    )


def sees_supervisor_contact(user, participant) -> bool:
    """The supervisor gets the name and phone once the enterprise has accepted."""
    return (
        has_role(user, Role.ENTERPRISE)
        and participant.referrals.filter(
            placements__opening__enterprise__in=_orgs(user, Role.ENTERPRISE),
            placements__status__in=(
                Placement.Status.ACCEPTED,
                Placement.Status.AGREED,
                Placement.Status.ACTIVE,
            ),
        ).exists()
    )


def sees_background(user, participant) -> bool:
    """Education, income source, time in support: not for the enterprise."""
    return sees_identity(user, participant)


def can_register_participant(user) -> bool:
    return has_role(user, Role.CASEWORKER)


def caseworker_parties(user):
    return Organisation.objects.where_user_holds(user, Role.CASEWORKER)


def can_edit_participant(user, participant) -> bool:
    return sees_identity(user, participant)


def can_export_participant(user) -> bool:
    return is_coordinator(user)


# ---------------------------------------------------------------- acting


def can_manage_referral(user) -> bool:
    """Intake, matching and declining are the coordinator's work."""
    return is_coordinator(user)


def can_withdraw_referral(user, referral) -> bool:
    return is_coordinator(user) or (
        has_role(user, Role.CASEWORKER)
        and caseworker_parties(user).filter(pk=referral.referring_party_id).exists()
    )


def can_propose(user) -> bool:
    return is_coordinator(user)


def can_convert_support_request(user) -> bool:
    """Turning a support request into a referral is the coordinator's triage (decision 0191)."""
    return is_coordinator(user)


def receiving_caseworkers():
    """The caseworker memberships a converted request's referral may go to: one per party."""
    return Membership.objects.filter(
        role=Role.CASEWORKER, organisation__kind=Organisation.Kind.PARTY, user__is_active=True
    ).select_related("user", "organisation")


def responsible_caseworkers(party):
    """The users who may be responsible for a referral of `party`: its active caseworkers.
    A service identity (lotsen.integrations) is inactive, so never one of them."""
    return receiving_caseworkers().filter(organisation=party)


def may_be_responsible(user, party) -> bool:
    return responsible_caseworkers(party).filter(user=user).exists()


def acts_for_party(user, party) -> bool:
    return caseworker_parties(user).filter(pk=party.pk).exists()


def acts_for_enterprise(user, placement) -> bool:
    return (
        has_role(user, Role.ENTERPRISE)
        and Organisation.objects.where_user_holds(user, Role.ENTERPRISE)
        .filter(pk=placement.opening.enterprise_id)
        .exists()
    )


def acts_for_referrer(user, placement) -> bool:
    return (
        has_role(user, Role.CASEWORKER)
        and caseworker_parties(user).filter(pk=placement.referral.referring_party_id).exists()
    )


def can_answer_proposal(user, placement) -> bool:
    return acts_for_enterprise(user, placement)


def can_edit_agreement(user, placement) -> bool:
    return is_coordinator(user) or acts_for_referrer(user, placement)


def can_record_paper_approval(user) -> bool:
    """A participant without e-legitimation signs on paper; the coordinator records it."""
    return is_coordinator(user)


def sees_approval_scan(user) -> bool:
    """The signed page shows the participant's name and signature: the coordinator's."""
    return is_coordinator(user)


def sees_how_participant_approved(user, placement) -> bool:
    """How the participant approved, and how surely they were identified, tells of their
    circumstances: the coordinator and the referring party see it, the enterprise never
    (decision 0208)."""
    return is_coordinator(user) or acts_for_referrer(user, placement)


def can_record_follow_up(user, placement) -> bool:
    return is_coordinator(user) or acts_for_enterprise(user, placement)


def can_start_placement(user, placement) -> bool:
    return is_coordinator(user) or acts_for_enterprise(user, placement)


def can_end_placement(user, placement) -> bool:
    return is_coordinator(user)


def can_cancel_placement(user, placement) -> bool:
    return is_coordinator(user)


def can_act_for_unanswered_proposal(user) -> bool:
    """Withdraw a proposal, invite an enterprise's contact, take its answer by phone (0141)."""
    return is_coordinator(user)


def can_move_referral(user, referral, status: str) -> bool:
    """Intake, matching and declining are the coordinator's; the referring party may
    withdraw. Placed, and back in matching, follow the placement, never a hand."""
    from .models import Referral

    if Referral.Status.PLACED in (status, referral.status):
        return False
    if status == Referral.Status.WITHDRAWN:
        return can_withdraw_referral(user, referral)
    return can_manage_referral(user)


def can_move_placement(user, placement, status: str) -> bool:
    """Who takes each step of a placement. Agreed follows the agreement's approvals."""
    from .models import Placement

    Status = Placement.Status
    if status in (Status.ACCEPTED, Status.DECLINED):
        return can_answer_proposal(user, placement)
    if status == Status.ACTIVE:
        return can_start_placement(user, placement)
    if status == Status.ENDED:
        return can_end_placement(user, placement)
    if status == Status.CANCELLED:
        # A proposal still unanswered is withdrawn, with a reason (decision 0140).
        if placement.status == Status.PROPOSED:
            return can_act_for_unanswered_proposal(user)
        return can_cancel_placement(user, placement)
    return False


def can_move_agreement(user, agreement, status: str) -> bool:
    """An agreement is approved by the three parties' approvals, the last one completing
    it (the participant approves through their own sign-in, not as a user's role here)."""
    placement = agreement.placement
    return acts_for_enterprise(user, placement) or acts_for_referrer(user, placement)


def sees_follow_up_note(user, follow_up) -> bool:
    return is_coordinator(user) or follow_up.recorded_by_id == user.pk


def can_manage_opening(user, opening=None) -> bool:
    if not has_role(user, Role.ENTERPRISE):
        return False
    if opening is None:
        return True
    return (
        Organisation.objects.where_user_holds(user, Role.ENTERPRISE)
        .filter(pk=opening.enterprise_id)
        .exists()
    )


def enterprises_of(user):
    return Organisation.objects.where_user_holds(user, Role.ENTERPRISE)


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "placements:opening_list": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:opening_create": only(Role.ENTERPRISE),
    "placements:opening_detail": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:opening_edit": only(Role.ENTERPRISE),
    "placements:participant_list": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:participant_create": only(Role.CASEWORKER),
    "placements:participant_anonymous": only(Role.CASEWORKER),
    "placements:participant_detail": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:participant_edit": only(Role.COORDINATOR, Role.CASEWORKER),
    "placements:participant_withdraw_consent": POST_ONLY,
    "placements:participant_withdraw_follow_up_consent": POST_ONLY,
    "placements:participant_export": only(Role.COORDINATOR),
    "placements:referral_create": only(Role.CASEWORKER),
    "placements:referral_from_support_request": only(Role.COORDINATOR),
    "placements:referral_list": only(Role.COORDINATOR, Role.CASEWORKER),
    "placements:referral_detail": only(Role.COORDINATOR, Role.CASEWORKER),
    "placements:referral_set_status": POST_ONLY,
    "placements:referral_propose": POST_ONLY,
    "placements:placement_list": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:placement_detail": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:placement_answer": POST_ONLY,
    "placements:placement_withdraw": POST_ONLY,
    "placements:placement_answer_by_phone": POST_ONLY,
    "placements:placement_invite_contact": POST_ONLY,
    "placements:agreement_edit": only(Role.COORDINATOR, Role.CASEWORKER),
    "placements:agreement_approve": POST_ONLY,
    "placements:agreement_pdf": only(Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE),
    "placements:agreement_paper_approval": only(Role.COORDINATOR),
    "placements:agreement_approval_scan": only(Role.COORDINATOR),
    "placements:placement_start": POST_ONLY,
    "placements:placement_cancel": POST_ONLY,
    "placements:follow_up_create": only(Role.COORDINATOR, Role.ENTERPRISE),
    "placements:placement_end": only(Role.COORDINATOR),
    "placements:outcome_check_record": POST_ONLY,
    "placements:report": only(Role.COORDINATOR, Role.STEERING),
    "placements:report_csv": only(Role.COORDINATOR, Role.STEERING),
}
