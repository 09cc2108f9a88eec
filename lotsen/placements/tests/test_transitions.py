"""Every status change of referrals and placements, allowed and refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lotsen.core.workflow import TransitionRefused
from lotsen.organisations.models import Organisation

from .. import services
from ..forms import OpeningForm
from ..models import Opening, Placement, Referral
from .factories import (
    OpeningFactory,
    activate,
    agree,
    drafted,
    enterprise_of,
    propose,
    register,
    to_matching,
)


def allowed_pairs(model) -> set[tuple[str, str]]:
    return {
        (current, new)
        for current in model.Status.values
        for new in model.Status.values
        if model(status=current).can_move_to(new)
    }


def test_the_referral_table_is_the_documented_pipeline():
    assert allowed_pairs(Referral) == {
        ("received", "intake"),
        ("received", "declined"),
        ("received", "withdrawn"),
        ("intake", "matching"),
        ("intake", "declined"),
        ("intake", "withdrawn"),
        ("matching", "placed"),
        ("matching", "declined"),
        ("matching", "withdrawn"),
        ("placed", "matching"),
    }


def test_the_placement_table_is_the_documented_pipeline():
    assert allowed_pairs(Placement) == {
        ("proposed", "accepted"),
        ("proposed", "declined"),
        ("proposed", "cancelled"),
        ("accepted", "agreed"),
        ("accepted", "cancelled"),
        ("agreed", "active"),
        ("agreed", "cancelled"),
        ("active", "ended"),
    }


def test_declining_a_referral_needs_a_reason(caseworker):
    referral = register(caseworker).referrals.get()
    with pytest.raises(TransitionRefused) as error:
        referral.move_to(Referral.Status.DECLINED, decline_reason=" ")
    assert error.value.code == "reason_required"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert not referral.status_changes.exists()


@pytest.mark.parametrize("new", [Referral.Status.INTAKE, Referral.Status.WITHDRAWN])
def test_a_reason_for_declining_is_refused_with_any_other_status(caseworker, new):
    referral = register(caseworker).referrals.get()
    with pytest.raises(TransitionRefused) as error:
        referral.move_to(new, decline_reason="Passar inte nu")
    assert error.value.code == "reason_without_decline"
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (Referral.Status.RECEIVED, "")


def test_a_declined_referral_keeps_its_reason_in_the_record_and_the_history(
    caseworker, coordinator
):
    referral = register(caseworker).referrals.get()
    services.referral_set_status(
        actor=coordinator, referral=referral, status="declined", decline_reason="Passar inte nu"
    )
    referral.refresh_from_db()
    assert referral.decline_reason == "Passar inte nu"
    (change,) = referral.status_changes.all()
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "received",
        "declined",
        coordinator,
        "Passar inte nu",
    )


def test_the_whole_pipeline_runs_through_the_services(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = propose(coordinator, caseworker, opening)
    assert placement.status == Placement.Status.PROPOSED
    placement = activate(
        placement, enterprise_user=enterprise_user, caseworker=caseworker, coordinator=coordinator
    )
    assert placement.referral.status == Referral.Status.PLACED
    ended = services.placement_end(
        actor=coordinator,
        placement=placement,
        ended_on=datetime.date.today(),
        exit_reason="work",
        outcome="work_at_enterprise",
        income_source_after="salary",
    )
    assert ended.status == Placement.Status.ENDED
    assert sorted(ended.outcome_checks.values_list("months_after", flat=True)) == [6, 12]
    assert ended.outcome_group == "work"
    steps = [(change.to_status, change.actor) for change in ended.status_changes.all()]
    assert steps == [
        ("accepted", enterprise_user),
        ("agreed", caseworker),
        ("active", coordinator),
        ("ended", coordinator),
    ]
    assert [change.to_status for change in ended.agreement.status_changes.all()] == ["approved"]
    assert [change.to_status for change in ended.referral.status_changes.all()] == [
        "intake",
        "matching",
        "placed",
    ]


def test_a_referral_is_placed_only_by_its_placement(coordinator, caseworker):
    referral = to_matching(register(caseworker).referrals.get(), coordinator)
    with pytest.raises(TransitionRefused):
        services.referral_set_status(actor=coordinator, referral=referral, status="placed")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.MATCHING


def test_proposing_to_a_full_opening_is_refused(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=1)
    first = propose(coordinator, caseworker, opening)
    services.placement_accept(actor=enterprise_user, placement=first)
    with pytest.raises(TransitionRefused) as error:
        propose(coordinator, caseworker, opening)
    assert error.value.code == "opening_full"
    assert opening.placements.count() == 1


def test_proposing_to_a_closed_opening_is_refused(coordinator, caseworker):
    opening = OpeningFactory(status=Opening.Status.CLOSED)
    with pytest.raises(TransitionRefused) as error:
        propose(coordinator, caseworker, opening)
    assert error.value.code == "opening_not_open"
    assert not opening.placements.exists()


def test_accepting_beyond_capacity_is_refused(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=1)
    first = propose(coordinator, caseworker, opening)
    second = propose(coordinator, caseworker, opening)
    services.placement_accept(actor=enterprise_user, placement=first)
    with pytest.raises(TransitionRefused):
        services.placement_accept(actor=enterprise_user, placement=second)
    second.refresh_from_db()
    assert second.status == Placement.Status.PROPOSED


def test_an_anonymous_participant_cannot_be_placed(coordinator, caseworker):
    from .factories import party_of

    participant = services.participant_register_anonymous(
        actor=caseworker, party=party_of(caseworker), gender="man", start_year=2026
    )
    referral = to_matching(participant.referrals.get(), coordinator)
    with pytest.raises(TransitionRefused) as error:
        services.placement_propose(actor=coordinator, referral=referral, opening=OpeningFactory())
    assert error.value.code == "no_consent"


def test_approving_an_agreement_twice_is_refused(coordinator, caseworker, enterprise_user):
    placement = drafted(coordinator, caseworker, enterprise_user)
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    with pytest.raises(TransitionRefused) as error:
        services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    assert error.value.code == "already_approved"
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACCEPTED


def test_changing_the_agreement_asks_for_both_approvals_again(
    coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = propose(coordinator, caseworker, opening)
    services.placement_accept(actor=enterprise_user, placement=placement)
    from ..models import PlacementAgreement

    agreement = PlacementAgreement(
        goals="Mål",
        schedule="Mån",
        hours_per_week=12,
        start_date=datetime.date.today(),
        planned_end_date=datetime.date.today(),
    )
    services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    agreement.refresh_from_db()
    agreement.goals = "Nya mål"
    services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.enterprise_approved_at is None


def test_ending_before_the_start_is_refused(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = activate(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    with pytest.raises(TransitionRefused) as error:
        services.placement_end(
            actor=coordinator,
            placement=placement,
            ended_on=placement.started_on - datetime.timedelta(days=1),
            exit_reason="other",
            outcome="unknown",
            income_source_after="none",
        )
    assert error.value.code == "end_before_start"
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE
    assert not placement.outcome_checks.exists()


def test_cancelling_an_agreed_placement_sends_the_referral_back_to_matching(
    coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = agree(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    services.placement_cancel(actor=coordinator, placement=placement)
    placement.referral.refresh_from_db()
    assert placement.referral.status == Referral.Status.MATCHING


def test_a_new_episode_waits_until_the_last_one_is_over(coordinator, caseworker):
    from .factories import party_of

    participant = register(caseworker)
    with pytest.raises(TransitionRefused):
        services.referral_create(
            actor=caseworker, participant=participant, party=party_of(caseworker)
        )
    referral = participant.referrals.get()
    services.referral_set_status(actor=caseworker, referral=referral, status="withdrawn")
    services.referral_create(actor=caseworker, participant=participant, party=party_of(caseworker))
    assert participant.referrals.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"capacity": 0}, "capacity"), ({"hours_min": 30, "hours_max": 10}, "hours_min")],
)
def test_an_opening_with_impossible_numbers_is_refused(enterprise_user, changes, field):
    enterprises = Organisation.objects.where_user_holds(enterprise_user, "enterprise")
    data = {
        "enterprise": enterprises.get().pk,
        "title": "Plats",
        "tasks": "Uppgifter",
        "municipality": "2581",
        "hours_min": 10,
        "hours_max": 20,
        "capacity": 2,
        "status": "open",
        "available_from": "2026-01-01",
        **changes,
    }
    form = OpeningForm(data, enterprises=enterprises)
    assert not form.is_valid()
    assert field in form.errors


def test_a_duplicate_person_is_refused(caseworker):
    from .factories import identity_number

    number = identity_number("900101", "321")
    first = register(caseworker, number=number)
    with pytest.raises(ValidationError) as error:
        register(caseworker, number=number)
    assert error.value.code == "duplicate_participant"
    assert first.code in error.value.messages[0]
