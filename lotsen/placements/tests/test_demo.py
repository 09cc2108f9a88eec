from io import StringIO

from django.core.management import call_command
from django.test import override_settings

from lotsen.accounts.models import User

from ..consent import Use, consenting_to
from ..models import (
    Opening,
    OutcomeCheck,
    Participant,
    ParticipantApproval,
    Placement,
    PlacementAgreement,
    Referral,
)


@override_settings(DEBUG=True)
def test_the_demo_world_has_every_state_and_fits_the_demo_users(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=StringIO())
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    assert set(Placement.objects.values_list("status", flat=True)) == set(Placement.Status.values)
    assert Participant.objects.count() >= 40
    assert Participant.objects.filter(consent_given=False).exists()
    assert Placement.objects.exclude(outcome="").count() >= 5
    # Outcome checks wait only where the consent covers follow-up after exit.
    assert (
        not OutcomeCheck.objects.filter(checked_on=None)
        .exclude(consenting_to(Use.OUTCOME_CHECK, "placement__referral__participant"))
        .exists()
    )
    assert Placement.objects.filter(
        status="ended", referral__participant__consent_scope="placement"
    ).exists()
    # Every exit has an extent after, so the occupation tables of the report have content.
    ended = Placement.objects.filter(status="ended")
    assert not ended.filter(work_study_percent_after=None).exists()
    assert ended.values("work_study_percent_after").distinct().count() >= 3
    snickeriet = Opening.objects.filter(enterprise__name="Snickeriet i Piteå ek. för.")
    assert snickeriet.exists()
    enterprise_user = User.objects.get(email="foretag@lotsen.test")
    assert Placement.objects.visible_to(enterprise_user).filter(status="active").exists()
    caseworker = User.objects.get(email="handlaggare@lotsen.test")
    assert Participant.objects.visible_to(caseworker).count() >= 5
    # One referral came through the one door, and its request is resolved as converted.
    converted = Referral.objects.select_related("support_request").get(
        support_request__isnull=False
    )
    assert (converted.support_request.status, converted.support_request.outcome) == (
        "resolved",
        "referral",
    )
    assert converted.participant.preferred_municipalities.exists()
    # Agreements in every state of the three approvals (decision 0208).
    assert set(PlacementAgreement.objects.values_list("status", flat=True)) == set(
        PlacementAgreement.Status.values
    )
    approvals = ParticipantApproval.objects.all()
    assert {"e_legitimation", "paper"} <= set(approvals.values_list("method", flat=True))
    assert approvals.get(method="paper").scan
    assert PlacementAgreement.objects.filter(version=2, status="awaiting_approval").exists()
    # A second run changes nothing.
    count = Participant.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Participant.objects.count() == count
    assert Referral.objects.filter(support_request__isnull=False).count() == 1


@override_settings(DEBUG=True)
def test_the_demo_world_shows_every_waiting_state_with_its_age(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from lotsen.accounts.models import Membership
    from lotsen.core.inbox import sections_for

    from ..models import PipelineNotice

    call_command("seed_demo", stdout=StringIO())
    kinds = set(PipelineNotice.objects.values_list("step", "kind"))
    assert {("proposal", "request"), ("proposal", "reminder"), ("proposal", "escalation")} <= kinds
    steps = {step.split(":")[0] for step, _kind in kinds}
    assert {
        "enterprise_approval",
        "referrer_approval",
        "follow_up",
        "outcome_check",
    } <= steps
    invited = Membership.objects.filter(role="enterprise", user__password__startswith="!")
    assert invited.exists()
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    sections = {str(section.title): section for section in sections_for(coordinator)}
    proposals = sections["Förslag utan svar"].items
    assert len(proposals) == 3 and all(item.waiting_on for item in proposals)
    assert any(item.overdue for item in proposals)
    assert any("inget användarkonto" not in item.waiting_on for item in proposals)
