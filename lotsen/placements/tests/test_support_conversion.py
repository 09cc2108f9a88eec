"""The coordinator converts a support request into a referral (decision 0191)."""

import datetime

import pytest
from django.urls import reverse

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent
from lotsen.core.workflow import TransitionRefused
from lotsen.support.models import SupportRequest
from lotsen.support.tests.factories import SupportRequestFactory

from .. import identity, services
from ..models import Participant, ParticipantIdentity, Referral
from .factories import adult_birth_date, identity_number, party_of, register

# An adult of working age whenever the suite runs (birth dates that age ask for confirmation).
BORN = adult_birth_date()
BORN_ON = f"{BORN:%y%m%d}"
BORN_ON_COORDINATION = f"{BORN:%y%m}{BORN.day + 60}"

Status = SupportRequest.Status


def url_of(support_request) -> str:
    return f"/lotsning/fran-stodarende/{support_request.pk}/"


def membership_of(caseworker):
    return caseworker.memberships.get(role=Role.CASEWORKER)


def conversion_data(caseworker, **changes) -> dict:
    data = {
        "receiving-membership": membership_of(caseworker).pk,
        "receiving-note": "Överenskommet med handläggaren i telefon.",
        "identity-name": "Kim Kontakt",
        "identity-identity_number": identity_number(BORN_ON, "482"),
        "identity-phone": "070-123 45 67",
        "identity-email": "kim@example.test",
        "participant-gender": "other",
        "participant-birth_year": BORN.year,
        "participant-municipality": "2581",
        "participant-hours_per_week": 15,
        "participant-preferred_municipalities": ["2581"],
        "consent-consent_scope": "placement",
        "consent-consent_date": datetime.date.today().isoformat(),
        "consent-reason": "Vill pröva att arbeta i ett kök.",
    }
    data.update(changes)
    return data


def nothing_changed(support_request, status=Status.NEW) -> None:
    assert not Participant.objects.exists()
    assert not Referral.objects.exists()
    support_request.refresh_from_db()
    assert support_request.status == status
    assert not support_request.messages.exists()


@pytest.mark.parametrize("status", [Status.NEW, Status.TRIAGED, Status.IN_PROGRESS])
def test_the_coordinator_converts_an_open_request_into_a_referral(
    client, coordinator, caseworker, mailoutbox, django_capture_on_commit_callbacks, status
):
    support_request = SupportRequestFactory(status=status)
    client.force_login(coordinator)
    form = client.get(url_of(support_request)).text
    # The requester's contact details are offered, to be confirmed with the person.
    assert 'value="Kim Kontakt"' in form and 'value="kim@example.test"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url_of(support_request), conversion_data(caseworker))
    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == referral.get_absolute_url()
    participant = referral.participant
    assert participant.has_active_consent and participant.consent_recorded_by == coordinator
    assert participant.identity.name == "Kim Kontakt"
    assert participant.identity.identity_number_hash == identity.lookup_hash(
        identity.parse_identity_number(identity_number(BORN_ON, "482"))
    )
    assert list(participant.preferred_municipalities.values_list("code", flat=True)) == ["2581"]
    assert (referral.referring_party, referral.caseworker) == (party_of(caseworker), caseworker)
    assert referral.support_request == support_request
    assert referral.status == Referral.Status.RECEIVED
    support_request.refresh_from_db()
    assert (support_request.status, support_request.outcome) == (Status.RESOLVED, "referral")
    assert support_request.first_responded_at is not None
    note = support_request.messages.get()
    assert note.is_internal and note.body.startswith("Överenskommet")
    reasons = set(AuditEvent.objects.filter(actor=coordinator).values_list("reason", flat=True))
    assert {
        "registered with consent",
        "referral received",
        f"converted from {support_request.reference}",
        "converted into a referral",
    } <= reasons
    assert [mail.to for mail in mailoutbox] == [["kim@example.test"]]
    assert "skickats vidare till rätt tjänst" in mailoutbox[0].body


def test_both_pages_show_the_link_to_those_allowed(client, coordinator, caseworker):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    client.post(url_of(support_request), conversion_data(caseworker))
    referral = Referral.objects.get()
    request_page = client.get(support_request.get_absolute_url()).text
    assert referral.get_absolute_url() in request_page
    assert f"Anvisning av {referral.participant.code}" in request_page
    assert "Omvandla till en anvisning" not in request_page
    referral_page = client.get(referral.get_absolute_url()).text
    assert f'href="{support_request.get_absolute_url()}"' in referral_page
    # The party's caseworker learns where it came from, not the requester's own page.
    client.force_login(caseworker)
    referral_page = client.get(referral.get_absolute_url()).text
    assert f"stödärende {support_request.reference}" in referral_page
    assert f'href="{support_request.get_absolute_url()}"' not in referral_page


def test_the_requester_does_not_see_the_referral_on_their_request(
    client, coordinator, caseworker, enterprise_user
):
    support_request = SupportRequestFactory(requester=enterprise_user, channel="signed_in")
    services.referral_open_from_support_request(
        request=support_request,
        by=coordinator,
        caseworker=caseworker,
        party=party_of(caseworker),
        participant=Participant(
            gender="woman",
            start_year=2026,
            consent_scope="placement",
            consent_date=datetime.date.today(),
        ),
        name="Kim Kontakt",
        number=identity.parse_identity_number(identity_number()),
    )
    client.force_login(enterprise_user)
    page = client.get(support_request.get_absolute_url()).text
    assert "/lotsning/anvisningar/" not in page
    assert "Omvandlat till en anvisning till arbetsträning" in page


def test_the_request_page_offers_the_conversion_to_the_coordinator_only(
    client, coordinator, enterprise_user
):
    support_request = SupportRequestFactory(requester=enterprise_user, channel="signed_in")
    client.force_login(coordinator)
    assert url_of(support_request) in client.get(support_request.get_absolute_url()).text
    client.force_login(enterprise_user)
    assert url_of(support_request) not in client.get(support_request.get_absolute_url()).text


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED])
def test_a_request_no_longer_open_cannot_be_converted(client, coordinator, caseworker, status):
    support_request = SupportRequestFactory(status=status)
    client.force_login(coordinator)
    for response in (
        client.get(url_of(support_request), follow=True),
        client.post(url_of(support_request), conversion_data(caseworker), follow=True),
    ):
        assert response.redirect_chain[-1][0] == support_request.get_absolute_url()
        assert "Bara ett öppet ärende kan bli en anvisning" in response.text
    nothing_changed(support_request, status)


def test_a_request_is_converted_only_once(client, coordinator, caseworker):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    client.post(url_of(support_request), conversion_data(caseworker))
    # The requester reopens the resolved request; it is open again but already converted.
    SupportRequest.objects.get(pk=support_request.pk).move_to(Status.IN_PROGRESS, actor=None)
    response = client.post(
        url_of(support_request),
        conversion_data(caseworker, **{"identity-identity_number": identity_number()}),
        follow=True,
    )
    assert "Ärendet har redan blivit en anvisning." in response.text
    assert Referral.objects.count() == Participant.objects.count() == 1


def test_the_service_refuses_a_second_conversion(db, coordinator, caseworker):
    support_request = SupportRequestFactory()
    kwargs = {
        "request": support_request,
        "by": coordinator,
        "caseworker": caseworker,
        "party": party_of(caseworker),
        "name": "Kim Kontakt",
    }
    services.referral_open_from_support_request(
        **kwargs,
        participant=Participant(gender="man", start_year=2026, consent_scope="placement"),
        number=identity.parse_identity_number(identity_number()),
    )
    SupportRequest.objects.filter(pk=support_request.pk).update(status=Status.IN_PROGRESS)
    with pytest.raises(TransitionRefused) as error:
        services.referral_open_from_support_request(
            **kwargs,
            participant=Participant(gender="man", start_year=2026, consent_scope="placement"),
            number=identity.parse_identity_number(identity_number()),
        )
    assert error.value.code == "already_converted"
    assert Participant.objects.count() == 1


def test_a_caseworker_of_another_party_is_refused(db, coordinator, caseworker, make_persona):
    support_request = SupportRequestFactory()
    other = make_persona(Role.CASEWORKER)
    with pytest.raises(TransitionRefused) as error:
        services.referral_open_from_support_request(
            request=support_request,
            by=coordinator,
            caseworker=other,
            party=party_of(caseworker),
            participant=Participant(gender="man", start_year=2026, consent_scope="placement"),
            name="Kim Kontakt",
            number=identity.parse_identity_number(identity_number()),
        )
    assert error.value.code == "caseworker_not_of_party"
    nothing_changed(support_request)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"identity-identity_number": f"{BORN_ON}-4821x"},
            "inte ett giltigt personnummer eller samordningsnummer",
        ),
        (
            {"participant-birth_year": BORN.year - 2},
            f"Födelseåret stämmer inte med personnumret ({BORN.year}).",
        ),
        ({"consent-consent_scope": ""}, "Detta fält måste fyllas i."),
        ({"receiving-membership": 999999}, "Okänd handläggare. Välj en i listan."),
        ({"participant-preferred_municipalities": ["9999"]}, "Välj ett giltigt alternativ"),
    ],
)
def test_bad_input_changes_nothing(client, coordinator, caseworker, changes, message):
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(url_of(support_request), conversion_data(caseworker, **changes))
    assert response.status_code == 200
    assert message in response.text
    nothing_changed(support_request)


def test_only_a_caseworker_of_a_party_can_receive(client, coordinator, make_persona):
    support_request = SupportRequestFactory()
    provider = make_persona(Role.PROVIDER)
    client.force_login(coordinator)
    data = conversion_data(
        make_persona(Role.CASEWORKER),
        **{"receiving-membership": provider.memberships.get().pk},
    )
    response = client.post(url_of(support_request), data)
    assert "Okänd handläggare. Välj en i listan." in response.text
    nothing_changed(support_request)


def test_a_person_already_registered_is_named_and_nothing_changes(client, coordinator, caseworker):
    number = identity_number(BORN_ON, "482")
    existing = register(caseworker, number=number)
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.post(url_of(support_request), conversion_data(caseworker))
    assert response.status_code == 200
    assert existing.code in response.text
    assert Participant.objects.count() == Referral.objects.count() == 1
    assert ParticipantIdentity.objects.count() == 1
    support_request.refresh_from_db()
    assert support_request.status == Status.NEW


@pytest.mark.parametrize(
    "persona", ["caseworker", "enterprise_user", "provider", "steering", "admin_user", "outsider"]
)
def test_no_one_but_the_coordinator_may_convert(client, request, caseworker, persona):
    user = request.getfixturevalue(persona)
    support_request = SupportRequestFactory(requester=user)
    client.force_login(user)
    assert client.get(url_of(support_request)).status_code == 403
    response = client.post(url_of(support_request), conversion_data(caseworker))
    assert response.status_code == 403
    nothing_changed(support_request)


def test_an_unknown_request_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/lotsning/fran-stodarende/999999/").status_code == 404


def test_signed_out_visitors_are_sent_to_log_in(client, db):
    support_request = SupportRequestFactory()
    response = client.get(url_of(support_request))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
