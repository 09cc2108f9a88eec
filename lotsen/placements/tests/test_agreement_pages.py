"""The agreement's pages: the three parties' status, the paper approval with its scan,
and the PDF that shows all three approvals (decision 0208)."""

import pytest
import weasyprint

from lotsen.audit.models import AuditEvent

from .. import services
from ..models import ParticipantApproval, PlacementAgreement
from . import factories
from .factories import approve_as_participant

PNG = factories.SCANNED_PAGE


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def drafted(coordinator, caseworker, enterprise_user):
    return factories.drafted(coordinator, caseworker, enterprise_user)


def _url(placement, tail=""):
    return f"/lotsning/placeringar/{placement.pk}/{tail}"


def _scan(name="underskrift.png", content=PNG):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_page_shows_the_three_parties_and_who_has_approved(
    client, drafted, enterprise_user, caseworker
):
    services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")
    client.force_login(caseworker)
    page = client.get(_url(drafted)).text
    assert "Godkännanden av version 1" in page
    assert "Deltagaren" in page
    assert str(drafted.opening.enterprise) in page
    assert str(drafted.referral.referring_party) in page
    assert page.count("Inte ännu") == 2


def test_the_enterprise_never_sees_how_the_participant_approved(
    client, drafted, enterprise_user, caseworker
):
    approve_as_participant(drafted)
    client.force_login(caseworker)
    assert "BankID" in client.get(_url(drafted)).text
    client.force_login(enterprise_user)
    page = client.get(_url(drafted)).text
    assert "BankID" not in page
    assert "loa3" not in page
    assert "E-legitimation" not in page


def test_an_approval_of_a_version_no_longer_shown_is_refused_on_the_page(
    client, drafted, coordinator, enterprise_user
):
    agreement = PlacementAgreement.objects.get(placement=drafted)
    agreement.goals = "Nya mål"
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    client.force_login(enterprise_user)
    response = client.post(
        _url(drafted, "godkann/"), {"side": "enterprise", "shown_version": "1"}, follow=True
    )
    assert "har ändrats sedan den visades" in response.text
    assert PlacementAgreement.objects.get(placement=drafted).enterprise_approved_at is None


def test_the_coordinator_records_a_paper_approval_with_the_scan(
    client, drafted, coordinator, enterprise_user, caseworker
):
    services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=drafted, side="referrer")
    client.force_login(coordinator)
    assert client.get(_url(drafted, "godkannande-pa-papper/")).status_code == 200
    response = client.post(
        _url(drafted, "godkannande-pa-papper/"),
        {"shown_version": "1", "scan": _scan()},
        follow=True,
    )
    assert "Deltagarens godkännande på papper har registrerats." in response.text
    approval = ParticipantApproval.objects.get()
    assert (approval.method, approval.recorded_by) == ("paper", coordinator)
    assert PlacementAgreement.objects.get(placement=drafted).status == "approved"
    scan = client.get(_url(drafted, "underskrift/1/"))
    assert scan.status_code == 200
    assert "no-store" in scan["Cache-Control"]
    assert b"".join(scan.streaming_content) == PNG
    assert AuditEvent.objects.filter(reason="approval scan opened", actor=coordinator).exists()
    # Only the coordinator opens the scanned page.
    for user in (caseworker, enterprise_user):
        client.force_login(user)
        assert client.get(_url(drafted, "underskrift/1/")).status_code == 403


@pytest.mark.parametrize(
    ("name", "content"),
    [("underskrift.png", b"GIF89a" + b"\x00" * 32), ("underskrift.pdf", b"<html>not a pdf")],
)
def test_a_scan_that_is_no_pdf_jpeg_or_png_is_refused_with_nothing_changed(
    client, drafted, coordinator, name, content
):
    client.force_login(coordinator)
    response = client.post(
        _url(drafted, "godkannande-pa-papper/"),
        {"shown_version": "1", "scan": _scan(name, content)},
    )
    assert response.status_code == 200
    assert "som PDF, JPEG eller PNG" in response.text
    assert not ParticipantApproval.objects.exists()


def test_a_paper_page_signed_for_an_earlier_version_is_refused(client, drafted, coordinator):
    agreement = PlacementAgreement.objects.get(placement=drafted)
    agreement.hours_per_week = 12
    services.agreement_save(actor=coordinator, placement=drafted, agreement=agreement)
    client.force_login(coordinator)
    response = client.post(
        _url(drafted, "godkannande-pa-papper/"), {"shown_version": "1", "scan": _scan()}
    )
    assert response.status_code == 200
    assert "har ändrats sedan den visades" in response.text
    assert not ParticipantApproval.objects.exists()


def test_only_the_coordinator_records_a_paper_approval(
    client, drafted, caseworker, enterprise_user, outsider
):
    for user in (caseworker, enterprise_user, outsider):
        client.force_login(user)
        response = client.post(
            _url(drafted, "godkannande-pa-papper/"), {"shown_version": "1", "scan": _scan()}
        )
        assert response.status_code in (403, 404)
    assert not ParticipantApproval.objects.exists()


def test_the_pdf_shows_the_three_approvals_and_the_version(
    client, drafted, enterprise_user, caseworker, monkeypatch
):
    printed = []
    html = weasyprint.HTML

    def recording(*args, **kwargs):
        printed.append(kwargs["string"])
        return html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    services.agreement_approve(actor=enterprise_user, placement=drafted, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=drafted, side="referrer")
    approve_as_participant(drafted)
    client.force_login(enterprise_user)
    response = client.get(_url(drafted, "overenskommelse.pdf"))
    assert response.content.startswith(b"%PDF")
    (document,) = printed
    agreement = PlacementAgreement.objects.get(placement=drafted)
    assert f"Version 1 av villkoren ({agreement.short_fingerprint})" in document
    assert document.count("Godkänt ") == 3
    assert "Deltagaren" in document
    assert str(enterprise_user) in document
    assert str(caseworker) in document
    # The print goes to the enterprise: it never says how the participant signed in.
    assert "BankID" not in document
    assert "loa3" not in document
    assert "Datum och underskrift" not in document


def test_the_pdf_of_an_agreement_the_participant_has_not_approved_has_a_signature_line(
    client, drafted, coordinator
):
    printed = []
    html = weasyprint.HTML
    client.force_login(coordinator)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            weasyprint,
            "HTML",
            lambda *args, **kwargs: printed.append(kwargs["string"]) or html(*args, **kwargs),
        )
        client.get(_url(drafted, "overenskommelse.pdf"))
    (document,) = printed
    assert "Datum och underskrift" in document
    assert document.count("Inte ännu") == 3
