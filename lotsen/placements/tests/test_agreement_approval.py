"""The three-party agreement: the participant approves as the third party, each version of
the terms, with e-legitimation or on paper (decision 0208)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lotsen.audit.models import AuditEvent
from lotsen.core.workflow import TransitionRefused

from .. import services
from ..models import ParticipantApproval, Placement, PlacementAgreement, Referral
from . import factories
from .factories import (
    LOA3,
    OpeningFactory,
    approve_as_participant,
    enterprise_of,
    propose,
)

PNG = factories.SCANNED_PAGE


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def drafted(coordinator, caseworker, enterprise_user):
    return factories.drafted(coordinator, caseworker, enterprise_user)


def _approve_organisations(placement, enterprise_user, caseworker):
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=placement, side="referrer")


def _agreement(placement) -> PlacementAgreement:
    return PlacementAgreement.objects.get(placement=placement)


def test_a_new_agreement_is_version_one_with_the_fingerprint_of_its_terms(drafted):
    agreement = _agreement(drafted)
    assert agreement.version == 1
    assert agreement.terms_fingerprint == agreement.compute_fingerprint()
    assert len(agreement.terms_fingerprint) == 64


def test_the_third_approval_makes_the_agreement_approved(drafted, enterprise_user, caseworker):
    _approve_organisations(drafted, enterprise_user, caseworker)
    approval = approve_as_participant(drafted)
    agreement = _agreement(drafted)
    assert agreement.status == PlacementAgreement.Status.APPROVED
    assert agreement.fully_approved
    drafted.refresh_from_db()
    assert drafted.status == Placement.Status.AGREED
    assert drafted.referral.status == Referral.Status.PLACED
    assert (approval.method, approval.assurance, approval.identity_provider) == (
        ParticipantApproval.Method.E_LEGITIMATION,
        LOA3,
        "BankID",
    )
    assert approval.version == 1
    assert approval.terms_fingerprint == agreement.terms_fingerprint
    assert approval.approved_at is not None


@pytest.mark.parametrize("missing", ["enterprise", "referrer", "participant"])
def test_two_approvals_of_three_do_not(drafted, enterprise_user, caseworker, missing):
    if missing != "enterprise":
        services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")
    if missing != "referrer":
        services.agreement_approve(actor=caseworker, placement=drafted, side="referrer")
    if missing != "participant":
        approve_as_participant(drafted)
    assert _agreement(drafted).status == PlacementAgreement.Status.AWAITING_APPROVAL
    drafted.refresh_from_db()
    assert drafted.status == Placement.Status.ACCEPTED


def test_the_participant_may_approve_first(drafted, enterprise_user, caseworker):
    approve_as_participant(drafted)
    _approve_organisations(drafted, enterprise_user, caseworker)
    assert _agreement(drafted).status == PlacementAgreement.Status.APPROVED


def test_changed_terms_are_a_new_version_that_all_three_approve_again(
    drafted, coordinator, enterprise_user, caseworker
):
    _approve_organisations(drafted, enterprise_user, caseworker)
    approve_as_participant(drafted)
    agreement = _agreement(drafted)
    first_fingerprint = agreement.terms_fingerprint
    agreement.hours_per_week = 20
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)

    agreement = _agreement(drafted)
    assert agreement.status == PlacementAgreement.Status.AWAITING_APPROVAL
    assert agreement.version == 2
    assert agreement.terms_fingerprint != first_fingerprint
    assert agreement.enterprise_approved_at is None
    assert agreement.referrer_approved_at is None
    assert agreement.participant_approval is None
    assert not agreement.fully_approved
    # The approval of version 1 stays as the record of what the participant approved.
    assert list(agreement.participant_approvals.values_list("version", flat=True)) == [1]
    assert [change.to_status for change in agreement.status_changes.all()] == [
        "approved",
        "awaiting_approval",
    ]
    assert AuditEvent.objects.filter(reason="agreement changed: version 2").exists()

    _approve_organisations(drafted, enterprise_user, caseworker)
    approve_as_participant(drafted)
    assert _agreement(drafted).status == PlacementAgreement.Status.APPROVED


def test_saving_unchanged_terms_keeps_the_approvals(
    drafted, coordinator, enterprise_user, caseworker
):
    approve_as_participant(drafted)
    services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")
    services.agreement_save(actor=coordinator, placement=drafted, agreement=_agreement(drafted))
    agreement = _agreement(drafted)
    assert agreement.version == 1
    assert agreement.enterprise_approved_at is not None
    assert agreement.participant_approval is not None


def test_a_changed_agreement_must_be_approved_before_the_placement_starts(
    drafted, coordinator, enterprise_user, caseworker
):
    _approve_organisations(drafted, enterprise_user, caseworker)
    approve_as_participant(drafted)
    agreement = _agreement(drafted)
    agreement.goals = "Rutiner och yrkesprov"
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    with pytest.raises(TransitionRefused) as error:
        services.placement_start(
            actor=coordinator, placement=drafted, started_on=timezone.localdate()
        )
    assert error.value.code == "agreement_not_approved"
    drafted.refresh_from_db()
    assert drafted.status == Placement.Status.AGREED


def test_an_approval_of_a_version_no_longer_shown_is_refused_with_nothing_changed(
    drafted, coordinator
):
    agreement = _agreement(drafted)
    agreement.schedule = "Mån–fre 9–12"
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    events = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused) as error:
        approve_as_participant(drafted, shown_version=1)
    assert error.value.code == "agreement_changed"
    assert "har ändrats sedan den visades" in error.value.messages[0]
    assert not ParticipantApproval.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_organisation_approving_a_version_no_longer_shown_is_refused(
    drafted, coordinator, enterprise_user
):
    agreement = _agreement(drafted)
    agreement.schedule = "Mån–fre 9–12"
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    with pytest.raises(TransitionRefused) as error:
        services.agreement_approve(
            actor=enterprise_user, placement=drafted, side="enterprise", shown_version=1
        )
    assert error.value.code == "agreement_changed"
    assert _agreement(drafted).enterprise_approved_at is None


def test_a_second_approval_of_the_same_version_is_refused(drafted):
    first = approve_as_participant(drafted)
    with pytest.raises(TransitionRefused) as error:
        approve_as_participant(drafted, assurance="http://id.elegnamnden.se/loa/1.0/loa4")
    assert error.value.code == "already_approved"
    assert list(ParticipantApproval.objects.all()) == [first]
    assert ParticipantApproval.objects.get().assurance == LOA3


def test_another_participant_cannot_approve(drafted, coordinator, caseworker, enterprise_user):
    other = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    ).referral.participant
    with pytest.raises(TransitionRefused) as error:
        services.agreement_approve_as_participant(
            agreement=_agreement(drafted),
            participant=other,
            shown_version=1,
            assurance=LOA3,
        )
    assert error.value.code == "not_the_participant"
    assert not ParticipantApproval.objects.exists()


def test_an_approval_without_an_assurance_level_is_refused(drafted):
    with pytest.raises(TransitionRefused) as error:
        approve_as_participant(drafted, assurance=" ")
    assert error.value.code == "assurance_required"
    assert not ParticipantApproval.objects.exists()


def test_a_cancelled_placement_has_nothing_to_approve(drafted, coordinator):
    services.placement_cancel(actor=coordinator, placement=drafted)
    with pytest.raises(TransitionRefused) as error:
        approve_as_participant(drafted)
    assert error.value.code == "nothing_to_approve"


def test_the_coordinator_records_a_paper_approval_with_its_scan(
    drafted, coordinator, enterprise_user, caseworker
):
    _approve_organisations(drafted, enterprise_user, caseworker)
    approval = services.agreement_record_paper_approval(
        actor=coordinator,
        agreement=_agreement(drafted),
        shown_version=1,
        scan=SimpleUploadedFile("underskrift.png", PNG, content_type="image/png"),
    )
    assert approval.method == ParticipantApproval.Method.PAPER
    assert approval.recorded_by == coordinator
    assert approval.assurance == ""
    assert approval.scan.name.startswith("agreement-approvals/")
    assert "underskrift" not in approval.scan.name
    assert _agreement(drafted).status == PlacementAgreement.Status.APPROVED
    event = AuditEvent.objects.get(reason="agreement approved by participant on paper")
    assert event.actor == coordinator


def test_every_approval_is_audited(drafted, enterprise_user, caseworker):
    _approve_organisations(drafted, enterprise_user, caseworker)
    approve_as_participant(drafted)
    reasons = set(AuditEvent.objects.values_list("reason", flat=True))
    assert {
        "agreement approved by enterprise",
        "agreement approved by referrer",
        "agreement approved by participant with e-legitimation",
    } <= reasons


def test_a_scanned_signature_is_erased_with_the_identity(
    drafted, coordinator, caseworker, django_capture_on_commit_callbacks
):
    approval = services.agreement_record_paper_approval(
        actor=coordinator,
        agreement=_agreement(drafted),
        shown_version=1,
        scan=SimpleUploadedFile("underskrift.png", PNG, content_type="image/png"),
    )
    stored = approval.scan.name
    storage = approval.scan.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_withdraw_consent(
            actor=caseworker, participant=drafted.referral.participant
        )
    approval.refresh_from_db()
    assert not approval.scan
    assert not storage.exists(stored)
    # The approval itself stays: when, and that it was given on paper.
    assert approval.method == ParticipantApproval.Method.PAPER


def test_the_coordinator_inbox_names_who_has_yet_to_approve(
    drafted, coordinator, enterprise_user, caseworker
):
    from lotsen.core.inbox import sections_for

    services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")

    def waiting() -> str:
        sections = {str(section.title): section for section in sections_for(coordinator)}
        (item,) = sections["Överenskommelser som inte är godkända"].items
        return item.waiting_on

    assert waiting() == f"deltagaren och {drafted.referral.referring_party}"
    approve_as_participant(drafted)
    assert waiting() == str(drafted.referral.referring_party)


def test_an_agreement_changed_after_approval_waits_in_the_inboxes_again(
    drafted, coordinator, enterprise_user, caseworker
):
    from lotsen.core.inbox import sections_for

    _approve_organisations(drafted, enterprise_user, caseworker)
    approve_as_participant(drafted)
    agreement = _agreement(drafted)
    agreement.goals = "Nya mål"
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    for user, title in [
        (coordinator, "Överenskommelser som inte är godkända"),
        (caseworker, "Överenskommelser att godkänna"),
        (enterprise_user, "Överenskommelser att godkänna"),
    ]:
        sections = {str(section.title): section for section in sections_for(user)}
        assert len(sections[title].items) == 1, user


def test_agreements_approved_before_the_participant_had_a_say_stay_approved(
    drafted, enterprise_user, caseworker
):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lotsen.placements.migrations.0012_participant_approval")
    _approve_organisations(drafted, enterprise_user, caseworker)
    # As the migration found them: approved by the two organisations, no fingerprint.
    PlacementAgreement.objects.update(status="approved", terms_fingerprint="")

    migration.fingerprint_and_keep_approved(apps, None)

    agreement = _agreement(drafted)
    assert agreement.terms_fingerprint == agreement.compute_fingerprint()
    approval = agreement.participant_approval
    assert approval.method == ParticipantApproval.Method.LEGACY
    assert approval.approved_at == agreement.referrer_approved_at
    assert agreement.fully_approved


def test_the_data_subject_export_holds_the_participants_approvals(drafted, coordinator):
    approve_as_participant(drafted)
    data = services.participant_export(actor=coordinator, participant=drafted.participant)
    (placement,) = data["episodes"][0]["placements"]
    agreement = placement["agreement"]
    assert (agreement["version"], agreement["status"]) == (1, "awaiting_approval")
    (approval,) = agreement["participant_approvals"]
    assert (approval["version"], approval["method"], approval["assurance"]) == (
        1,
        "e_legitimation",
        LOA3,
    )
