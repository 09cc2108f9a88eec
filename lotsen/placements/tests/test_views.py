import datetime
import json

import pytest
from django.utils import timezone

from lotsen.audit.models import AuditEvent

from .. import services
from ..models import (
    FollowUp,
    Opening,
    Participant,
    ParticipantIdentity,
    Placement,
    PlacementAgreement,
)
from .factories import (
    OpeningFactory,
    activate,
    adult_birth_date,
    approve_as_participant,
    enterprise_of,
    identity_number,
    party_of,
    propose,
    register,
    to_matching,
)

# An adult of working age whenever the suite runs (birth dates that age ask for confirmation).
BORN = adult_birth_date()
BORN_ON = f"{BORN:%y%m%d}"
BORN_ON_COORDINATION = f"{BORN:%y%m}{BORN.day + 60}"


def registration_data(caseworker, **changes) -> dict:
    data = {
        "party-party": party_of(caseworker).pk,
        "identity-name": "Nora Nyberg",
        "identity-identity_number": identity_number(BORN_ON, "482"),
        "identity-phone": "070-123 45 67",
        "identity-email": "nora@example.test",
        "participant-gender": "woman",
        "participant-birth_year": BORN.year,
        "participant-municipality": "2580",
        "participant-income_source_start": "activity_support",
        "participant-hours_per_week": 20,
        "participant-adaptations_needed": ["quiet_place", "written_instructions"],
        "participant-languages": ["sv"],
        "consent-consent_scope": "placement",
        "consent-consent_date": datetime.date.today().isoformat(),
        "consent-reason": "Vill pröva snickeri.",
    }
    data.update(changes)
    return data


def test_a_caseworker_registers_and_refers_a_participant(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/lotsning/deltagare/ny/", registration_data(caseworker))
    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response.url == participant.get_absolute_url()
    assert participant.birth_year == BORN.year
    assert participant.start_year == timezone.localdate().year
    assert participant.consent_recorded_by == caseworker
    assert participant.identity.phone == "+46701234567"
    assert participant.referrals.get().status == "received"
    assert AuditEvent.objects.filter(action="create", object_label=participant.code).exists()


def test_a_samordningsnummer_registers_too(client, caseworker):
    client.force_login(caseworker)
    data = registration_data(
        caseworker, **{"identity-identity_number": identity_number(BORN_ON_COORDINATION, "482")}
    )
    assert client.post("/lotsning/deltagare/ny/", data).status_code == 302
    assert Participant.objects.get().birth_year == BORN.year


def test_an_invalid_personnummer_changes_nothing(client, caseworker):
    client.force_login(caseworker)
    data = registration_data(caseworker, **{"identity-identity_number": f"{BORN_ON}-4821x"})
    response = client.post("/lotsning/deltagare/ny/", data)
    assert response.status_code == 200
    assert "inte ett giltigt personnummer eller samordningsnummer" in response.text
    assert not Participant.objects.exists()


def test_a_birth_year_that_does_not_match_changes_nothing(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        "/lotsning/deltagare/ny/",
        registration_data(caseworker, **{"participant-birth_year": BORN.year - 2}),
    )
    assert response.status_code == 200
    assert f"Födelseåret stämmer inte med personnumret ({BORN.year})." in response.text
    assert not Participant.objects.exists()


def test_a_registered_person_is_found_by_the_keyed_hash(client, caseworker):
    client.force_login(caseworker)
    client.post("/lotsning/deltagare/ny/", registration_data(caseworker))
    response = client.post("/lotsning/deltagare/ny/", registration_data(caseworker))
    assert response.status_code == 200
    assert Participant.objects.count() == 1
    assert Participant.objects.get().code in response.text


def test_without_consent_only_gender_and_start_year_are_kept(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        "/lotsning/deltagare/ny-anonym/",
        {
            "party-party": party_of(caseworker).pk,
            "anonymous-gender": "man",
            "anonymous-start_year": 2026,
        },
    )
    participant = Participant.objects.get()
    assert response.status_code == 302
    assert participant.is_anonymous and participant.birth_year is None
    assert not ParticipantIdentity.objects.exists()


def test_the_coordinator_cannot_propose_to_a_full_opening(
    client, coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), capacity=1)
    services.placement_accept(
        actor=enterprise_user, placement=propose(coordinator, caseworker, opening)
    )
    referral = to_matching(register(caseworker).referrals.get(), coordinator)
    client.force_login(coordinator)
    response = client.post(
        f"/lotsning/anvisningar/{referral.pk}/foresla/", {"opening": opening.pk}, follow=True
    )
    assert "är full" in response.text
    assert not referral.placements.exists()


def test_a_proposal_says_whether_anyone_at_the_enterprise_can_answer(
    client, coordinator, caseworker, enterprise_user
):
    client.force_login(coordinator)
    for opening, expected in (
        (OpeningFactory(enterprise=enterprise_of(enterprise_user)), "skickades till företaget"),
        (OpeningFactory(), "ingen på företaget loggar in i Lotsen"),
    ):
        referral = to_matching(register(caseworker).referrals.get(), coordinator)
        response = client.post(
            f"/lotsning/anvisningar/{referral.pk}/foresla/", {"opening": opening.pk}, follow=True
        )
        assert expected in response.text
        assert referral.placements.get().opening == opening


def test_the_enterprise_accepts_and_all_three_approve(
    client, coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    opening.supervisors.create(name="Hanna Handledare", trained=True)
    placement = propose(coordinator, caseworker, opening)
    client.force_login(enterprise_user)
    client.post(f"/lotsning/placeringar/{placement.pk}/svar/", {"answer": "accept"})
    client.force_login(caseworker)
    today = datetime.date.today().isoformat()
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/overenskommelse/",
        {
            "goals": "Rutiner",
            "schedule": "Mån–tors",
            "hours_per_week": 16,
            "supervisor": opening.supervisors.get().pk,
            "start_date": today,
            "planned_end_date": today,
        },
    )
    assert response.status_code == 302
    client.post(f"/lotsning/placeringar/{placement.pk}/godkann/", {"side": "referrer"})
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/godkann/", {"side": "referrer"}, follow=True
    )
    assert "redan godkänd" in response.text
    client.force_login(enterprise_user)
    client.post(f"/lotsning/placeringar/{placement.pk}/godkann/", {"side": "enterprise"})
    placement.refresh_from_db()
    # Two of three: the agreement waits for the participant.
    assert placement.status == Placement.Status.ACCEPTED
    approve_as_participant(placement)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.AGREED
    assert placement.referral.status == "placed"
    pdf = client.get(f"/lotsning/placeringar/{placement.pk}/overenskommelse.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_enterprise_cannot_approve_for_the_referrer(
    client, coordinator, caseworker, enterprise_user
):
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    client.force_login(enterprise_user)
    response = client.post(f"/lotsning/placeringar/{placement.pk}/godkann/", {"side": "referrer"})
    assert response.status_code == 403


def test_agreement_hours_outside_the_opening_are_refused(
    client, coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user), hours_min=10, hours_max=20)
    placement = propose(coordinator, caseworker, opening)
    services.placement_accept(actor=enterprise_user, placement=placement)
    client.force_login(coordinator)
    today = datetime.date.today().isoformat()
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/overenskommelse/",
        {
            "goals": "Mål",
            "schedule": "Mån",
            "hours_per_week": 35,
            "start_date": today,
            "planned_end_date": today,
        },
    )
    assert response.status_code == 200
    assert "10–20" in response.text
    assert not PlacementAgreement.objects.exists()


def test_follow_ups_build_the_progression_chart(client, coordinator, caseworker, enterprise_user):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    client.force_login(enterprise_user)
    for days, score in [(20, 2), (5, 4)]:
        day = (datetime.date.today() - datetime.timedelta(days=days)).isoformat()
        response = client.post(
            f"/lotsning/placeringar/{placement.pk}/uppfoljning/",
            {
                "date": day,
                "phase": "during",
                "hours_attended": "12,5",
                "score_motivation": score,
                "score_routines": 3,
            },
        )
        assert response.status_code == 302
    assert FollowUp.objects.count() == 2
    client.force_login(coordinator)
    page = client.get(placement.referral.participant.get_absolute_url()).text
    assert "<svg" in page and "<polyline" in page
    assert "Motivation" in page


def test_a_follow_up_before_the_start_changes_nothing(
    client, coordinator, caseworker, enterprise_user
):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    client.force_login(enterprise_user)
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/uppfoljning/",
        {"date": "2000-01-01", "phase": "start", "hours_attended": "10"},
    )
    assert response.status_code == 200
    assert not FollowUp.objects.exists()


def test_the_coordinator_ends_with_an_outcome_and_checks_follow(
    client, coordinator, caseworker, enterprise_user
):
    placement = activate(
        propose(coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    client.force_login(coordinator)
    early = (placement.started_on - datetime.timedelta(days=1)).isoformat()
    data = {"exit_reason": "work", "outcome": "work_subsidised", "income_source_after": "salary"}
    response = client.post(
        f"/lotsning/placeringar/{placement.pk}/avsluta/", {**data, "ended_on": early}
    )
    assert response.status_code == 200
    assert "kan inte avslutas innan den började" in response.text
    placement.refresh_from_db()
    assert placement.status == "active"
    today = datetime.date.today().isoformat()
    client.post(f"/lotsning/placeringar/{placement.pk}/avsluta/", {**data, "ended_on": today})
    placement.refresh_from_db()
    assert placement.status == "ended" and placement.outcome == "work_subsidised"
    check = placement.outcome_checks.get(months_after=6)
    response = client.post(
        f"/lotsning/utfallskontroller/{check.pk}/",
        {
            f"check{check.pk}-checked_on": today,
            f"check{check.pk}-outcome": "work_subsidised",
            f"check{check.pk}-income_source": "salary",
        },
    )
    check.refresh_from_db()
    assert check.checked_on is not None


def test_a_caseworker_records_the_participants_wishes_at_registration(client, caseworker):
    client.force_login(caseworker)
    data = registration_data(
        caseworker,
        **{
            "participant-preferred_municipalities": ["2581", "2582"],
            "participant-preferred_industries": ["56"],
        },
    )
    assert client.post("/lotsning/deltagare/ny/", data).status_code == 302
    participant = Participant.objects.get()
    assert set(participant.preferred_municipalities.values_list("code", flat=True)) == {
        "2581",
        "2582",
    }
    assert list(participant.preferred_industries.values_list("code", flat=True)) == ["56"]


def _edit_data(participant, **changes) -> dict:
    data = {
        "identity-name": "Test Testsson",
        "identity-identity_number": participant.identity.identity_number,
        "identity-phone": "+46701234567",
        "identity-email": "test@example.test",
        "participant-gender": participant.gender,
        "participant-birth_year": participant.birth_year,
        "participant-municipality": participant.municipality_id,
        "participant-hours_per_week": 20,
    }
    data.update(changes)
    return data


def test_editing_changes_the_wishes(client, caseworker):
    participant = register(caseworker, preferred_municipalities=["2580"])
    client.force_login(caseworker)
    response = client.post(
        f"/lotsning/deltagare/{participant.code}/andra/",
        _edit_data(participant, **{"participant-preferred_industries": ["47"]}),
    )
    assert response.status_code == 302
    assert not participant.preferred_municipalities.exists()
    assert list(participant.preferred_industries.values_list("code", flat=True)) == ["47"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("participant-preferred_municipalities", ["9999"]),
        # Only divisions are offered, as for interests.
        ("participant-preferred_industries", ["5610"]),
    ],
)
def test_an_unknown_wish_changes_nothing(client, caseworker, field, value):
    participant = register(caseworker, preferred_municipalities=["2580"])
    client.force_login(caseworker)
    response = client.post(
        f"/lotsning/deltagare/{participant.code}/andra/",
        _edit_data(participant, **{field: value, "participant-hours_per_week": 30}),
    )
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.text
    participant.refresh_from_db()
    assert participant.hours_per_week == 20
    assert list(participant.preferred_municipalities.values_list("code", flat=True)) == ["2580"]


def test_the_wishes_are_shown_to_the_referring_party_and_not_to_the_enterprise(
    client, coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = propose(coordinator, caseworker, opening)
    participant = placement.referral.participant
    participant.preferred_municipalities.set(["2581"])
    participant.preferred_industries.set(["56"])
    client.force_login(caseworker)
    page = client.get(participant.get_absolute_url()).text
    assert "Önskade kommuner" in page and "Piteå" in page
    assert "Önskade branscher" in page and "Restaurang" in page
    client.force_login(enterprise_user)
    page = client.get(participant.get_absolute_url()).text
    assert "Önskade kommuner" not in page and "Önskade branscher" not in page


def test_withdrawing_consent_erases_identity_and_keeps_statistics(client, caseworker):
    participant = register(caseworker, preferred_municipalities=["2581"])
    client.force_login(caseworker)
    client.post(f"/lotsning/deltagare/{participant.code}/aterkalla-samtycke/")
    record = ParticipantIdentity.objects.get(participant=participant)
    assert record.erased_at and record.name == "" and record.identity_number_hash is None
    participant.refresh_from_db()
    assert participant.consent_withdrawn_on and participant.gender == "woman"
    # Stated wishes serve matching only, which needs consent.
    assert not participant.preferred_municipalities.exists()
    assert AuditEvent.objects.filter(action="erase", object_label=participant.code).exists()


def test_the_data_subject_export_holds_everything(client, coordinator, caseworker):
    participant = register(
        caseworker,
        name="Export Person",
        preferred_municipalities=["2581"],
        preferred_industries=["56"],
    )
    client.force_login(coordinator)
    response = client.get(f"/lotsning/deltagare/{participant.code}/registerutdrag/")
    data = json.loads(response.content)
    assert data["identity"]["name"] == "Export Person"
    assert data["preferred_municipalities"] == ["2581"]
    assert data["preferred_industries"] == ["56"]
    assert data["episodes"][0]["status"] == "received"
    assert AuditEvent.objects.filter(action="export", object_label=participant.code).exists()


def test_an_enterprise_publishes_an_opening(client, enterprise_user):
    client.force_login(enterprise_user)
    response = client.post(
        "/lotsning/platser/ny/",
        {
            "enterprise": enterprise_of(enterprise_user).pk,
            "title": "Lagerarbete",
            "tasks": "Plocka och packa",
            "municipality": "2581",
            "hours_min": 10,
            "hours_max": 20,
            "capacity": 2,
            "adaptations": ["quiet_place"],
            "languages": ["sv", "fi"],
            "status": "open",
            "available_from": "2026-01-01",
        },
    )
    opening = Opening.objects.get()
    assert response.status_code == 302
    assert opening.adaptations == ["quiet_place"] and opening.languages == ["sv", "fi"]


def test_an_enterprise_cannot_publish_for_another_company(client, enterprise_user):
    other = OpeningFactory()
    client.force_login(enterprise_user)
    assert client.get(f"/lotsning/platser/{other.pk}/andra/").status_code == 404


@pytest.mark.parametrize("role_fixture", ["coordinator", "steering"])
def test_reports_hide_small_cells_except_for_the_coordinator(
    db, request, client, caseworker, role_fixture
):
    for _ in range(3):
        register(caseworker)
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get("/lotsning/rapporter/")
    referred = response.context["tables"][0]
    consent_row = referred.rows[0][1]
    assert consent_row[0].value == 3
    assert str(consent_row[0]) == ("3" if role_fixture == "coordinator" else "<5")
    csv_text = client.get("/lotsning/rapporter/csv/").content.decode()
    assert ("<5" in csv_text) is (role_fixture == "steering")


def test_a_reversed_report_period_gives_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/lotsning/rapporter/?date_from=2026-12-01&date_to=2026-01-01")
    assert response.status_code == 200
    assert "Från-datumet får inte vara efter till-datumet." in response.text


def test_a_malformed_report_date_gives_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/lotsning/rapporter/?date_from=igår")
    assert response.status_code == 200
    assert "Från:" in response.text
