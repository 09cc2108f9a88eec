"""Test data for the pilot function, built through the services where a workflow matters."""

import datetime
import itertools

import factory
from django.utils import timezone
from stdnum import luhn

from lotsen.accounts.models import Role
from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory

from .. import identity, services
from ..models import Opening, Participant, PlacementAgreement, Referral

# Serials that tests name themselves, on any birth date: a generated number keeps clear
# of them, so that it never meets a named one in the same test.
SERIALS_NAMED_BY_TESTS = frozenset({"123", "234", "321", "456", "482", "777"})


def _generated_serials():
    for count in itertools.count():
        serial = f"{count % 900 + 100:03d}"
        if serial not in SERIALS_NAMED_BY_TESTS:
            yield serial


_serials = _generated_serials()


def adult_birth_date(age: int = 34) -> datetime.date:
    """A birth date `age` years before this year: of working age whenever the suite runs."""
    return datetime.date(timezone.localdate().year - age, 4, 15)


def identity_number(yymmdd: str = "850312", serial: str | None = None) -> str:
    """A personnummer (or samordningsnummer, when the day is over 60) with a valid check digit."""
    serial = serial or next(_serials)
    base = yymmdd + serial
    return f"{base[:6]}-{base[6:]}{luhn.calc_check_digit(base)}"


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opening

    enterprise = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.SOCIAL_ENTERPRISE)
    title = factory.Sequence(lambda n: f"Arbetsträning {n}")
    tasks = "Sortera, packa och leverera."
    municipality_id = "2581"
    hours_min = 10
    hours_max = 30
    capacity = 2
    adaptations = ["quiet_place"]
    languages = ["sv"]


def enterprise_of(user) -> Organisation:
    return Organisation.objects.where_user_holds(user, Role.ENTERPRISE).get()


def party_of(user) -> Organisation:
    return Organisation.objects.where_user_holds(user, Role.CASEWORKER).get()


def register(
    caseworker,
    *,
    name: str = "Test Testsson",
    number: str | None = None,
    preferred_municipalities=(),
    preferred_industries=(),
    consent_scope: str = Participant.ConsentScope.PLACEMENT_AND_FOLLOW_UP,
) -> Participant:
    """A consenting participant; by default the consent covers every use (consent.Use)."""
    participant = Participant(
        gender="woman",
        start_year=datetime.date.today().year,
        municipality_id="2580",
        income_source_start="activity_support",
        education="compulsory",
        hours_per_week=20,
        adaptations_needed=["quiet_place"],
        consent_scope=consent_scope,
        consent_date=datetime.date.today(),
    )
    return services.participant_register(
        actor=caseworker,
        party=party_of(caseworker),
        participant=participant,
        preferred_municipalities=preferred_municipalities,
        preferred_industries=preferred_industries,
        name=name,
        number=identity.parse_identity_number(number or identity_number()),
        phone="+46701234567",
        email="test@example.test",
    )


def to_matching(referral: Referral, coordinator) -> Referral:
    services.referral_set_status(actor=coordinator, referral=referral, status="intake")
    return services.referral_set_status(actor=coordinator, referral=referral, status="matching")


def propose(coordinator, caseworker, opening: Opening, **registration):
    participant = register(caseworker, **registration)
    referral = to_matching(participant.referrals.get(), coordinator)
    return services.placement_propose(actor=coordinator, referral=referral, opening=opening)


def write_agreement(placement, coordinator, *, start: datetime.date) -> None:
    """The coordinator writes an accepted placement's agreement: 90 days from `start`."""
    services.agreement_save(
        actor=coordinator,
        placement=placement,
        agreement=PlacementAgreement(
            goals="Rutiner",
            schedule="Mån–tors 9–13",
            hours_per_week=16,
            start_date=start,
            planned_end_date=start + datetime.timedelta(days=90),
        ),
    )


def agree(placement, *, enterprise_user, caseworker, coordinator, start=None):
    services.placement_accept(actor=enterprise_user, placement=placement)
    write_agreement(
        placement, coordinator, start=start or datetime.date.today() - datetime.timedelta(days=30)
    )
    # The participant first, so the referring party's approval completes the agreement.
    approve_as_participant(placement)
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
    placement.refresh_from_db()
    return placement


LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"


def approve_as_participant(placement, **kwargs):
    """The placement's participant approves the current version with e-legitimation."""
    agreement = PlacementAgreement.objects.get(placement=placement)
    return services.agreement_approve_as_participant(
        agreement=agreement,
        participant=agreement.placement.referral.participant,
        shown_version=kwargs.pop("shown_version", agreement.version),
        assurance=kwargs.pop("assurance", LOA3),
        identity_provider=kwargs.pop("identity_provider", "BankID"),
        **kwargs,
    )


SCANNED_PAGE = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def drafted(coordinator, caseworker, enterprise_user):
    """An accepted placement whose agreement is written and waits for three approvals."""
    placement = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    services.placement_accept(actor=enterprise_user, placement=placement)
    write_agreement(placement, coordinator, start=timezone.localdate() + datetime.timedelta(days=7))
    return placement


def paper_approval(coordinator, caseworker, enterprise_user):
    """A written agreement the participant approved on paper, recorded by the coordinator
    with a scanned page (store it under a temporary MEDIA_ROOT)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    placement = drafted(coordinator, caseworker, enterprise_user)
    return services.agreement_record_paper_approval(
        actor=coordinator,
        agreement=placement.agreement,
        shown_version=1,
        scan=SimpleUploadedFile("underskrift.png", SCANNED_PAGE),
    )


def activate(placement, *, enterprise_user, caseworker, coordinator):
    placement = agree(
        placement, enterprise_user=enterprise_user, caseworker=caseworker, coordinator=coordinator
    )
    start = datetime.date.today() - datetime.timedelta(days=30)
    return services.placement_start(actor=coordinator, placement=placement, started_on=start)


def started_placement(coordinator, caseworker, enterprise_user, **registration):
    """A placement started 30 days ago at a new opening of the persona's enterprise."""
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    return activate(
        propose(coordinator, caseworker, opening, **registration),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
