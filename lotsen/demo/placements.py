"""The pilot function in the demo world: openings, ~40 participants in every state.

Dates are relative to today so the inbox always has ages, follow-ups due and
outcome checks due. Everyone is fictitious; the identity numbers are valid
in form only. Safe to run repeatedly: an existing participant code is skipped.
"""

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from lotsen.accounts.models import Membership, Role, User
from lotsen.core.workdays import add_working_days
from lotsen.organisations.models import Organisation
from lotsen.placements import identity, pipeline, services
from lotsen.placements.models import (
    FollowUp,
    Opening,
    OutcomeCheck,
    Participant,
    PipelineNotice,
    Placement,
    PlacementAgreement,
    ProgressDimension,
    Referral,
    Supervisor,
)
from lotsen.support.models import SupportRequest

PITEA, LULEA, BODEN, ALVSBYN = "2581", "2580", "2582", "2560"

# (enterprise, title, SNI division, SSYK unit, municipality, address, hours, capacity,
#  adaptations, languages, public transport, supervisors [(name, trained)])
OPENINGS = [
    (
        "Snickeriet i Piteå ek. för.",
        "Snickeri och möbelrenovering",
        "16",
        "7522",
        PITEA,
        "Sundsgatan 18",
        (10, 30),
        4,
        ["quiet_place", "part_time_start", "written_instructions"],
        ["sv", "fi"],
        True,
        [("Frida Företagare", True), ("Olle Hyvel", False)],
    ),
    (
        "Snickeriet i Piteå ek. för.",
        "Lager och leveranser",
        "47",
        "9111",
        PITEA,
        "Sundsgatan 18",
        (8, 20),
        2,
        ["flexible_hours", "physical"],
        ["sv"],
        True,
        [("Olle Hyvel", False)],
    ),
    (
        "Städkooperativet Norrsken ek. för.",
        "Lokalvård",
        "81",
        "9111",
        LULEA,
        "Storgatan 12",
        (10, 30),
        3,
        ["flexible_hours", "part_time_start", "language_support"],
        ["sv", "ar", "so"],
        True,
        [("Amina Yusuf", True)],
    ),
    (
        "Bageriet på Gültzauudden ek. för.",
        "Bageri och servering",
        "10",
        "7612",
        LULEA,
        "Gültzaugatan 4",
        (15, 30),
        2,
        ["written_instructions", "regular_breaks"],
        ["sv", "en"],
        True,
        [("Lars Deg", True)],
    ),
    (
        "Cykelverkstaden Luleå ek. för.",
        "Cykelreparation",
        "95",
        "8329",
        LULEA,
        "Skeppsbrogatan 30",
        (10, 25),
        3,
        ["quiet_place", "extra_supervision"],
        ["sv", "en"],
        True,
        [("Nils Ekerström", False)],
    ),
    (
        "Kök & Kompani Piteå ek. för.",
        "Restaurangkök",
        "56",
        "9412",
        PITEA,
        "Storgatan 51",
        (15, 35),
        3,
        ["part_time_start", "language_support"],
        ["sv", "ar", "ti"],
        True,
        [("Maria Kastrull", True)],
    ),
    (
        "Tvätteriet Strömmen ek. för.",
        "Tvätt och mangling",
        "96",
        "9111",
        PITEA,
        "Hamngatan 7",
        (8, 25),
        2,
        ["quiet_place", "regular_breaks"],
        ["sv"],
        False,
        [("Eva Mangel", False)],
    ),
    (
        "Återbruket i Boden ek. för.",
        "Second hand och sortering",
        "47",
        "9111",
        BODEN,
        "Kungsgatan 40",
        (8, 30),
        4,
        ["flexible_hours", "part_time_start", "physical"],
        ["sv", "uk", "ru"],
        True,
        [("Petra Återbrukare", True)],
    ),
    (
        "Café Kvarnen ek. för.",
        "Café och kassa",
        "56",
        "9412",
        BODEN,
        "Drottninggatan 9",
        (10, 25),
        2,
        ["written_instructions"],
        ["sv", "en"],
        True,
        [("Kalle Kaffe", False)],
    ),
    (
        "Fastighetsservice Sörbyn ek. för.",
        "Fastighetsskötsel",
        "81",
        "5152",
        BODEN,
        "Sörbyvägen 3",
        (15, 40),
        2,
        ["extra_supervision"],
        ["sv"],
        False,
        [("Göran Nyckel", True)],
    ),
    (
        "Trädgårdsgänget Älvsbyn ek. för.",
        "Trädgård och grönytor",
        "81",
        "6113",
        ALVSBYN,
        "Storgatan 15",
        (10, 30),
        3,
        ["flexible_hours", "regular_breaks"],
        ["sv", "fi", "se"],
        False,
        [("Rut Rabatt", True)],
    ),
    (
        "Nålen & Tråden Älvsbyn ek. för.",
        "Sömnad och reparationer",
        "96",
        "7532",
        ALVSBYN,
        "Järnvägsgatan 6",
        (8, 20),
        2,
        ["quiet_place", "written_instructions"],
        ["sv", "fa"],
        True,
        [("Siri Söm", False)],
    ),
]

# Caseworkers of the other parties; they do not log in in the demo.
CASEWORKERS = [
    ("handlaggare@lotsen.test", "Hampus Handläggare", "Arbetsförmedlingen, Luleå"),
    ("fk.handlaggare@lotsen.test", "Fatima Kassa", "Försäkringskassan, Norrbotten"),
    ("pitea.handlaggare@lotsen.test", "Per Piteå", "Piteå kommun"),
    ("boden.handlaggare@lotsen.test", "Bodil Boden", "Bodens kommun"),
]

FIRST_NAMES = [
    "Anna",
    "Ali",
    "Emma",
    "Mohammed",
    "Sara",
    "Johan",
    "Leila",
    "Erik",
    "Maja",
    "Ahmed",
    "Linnea",
    "Oskar",
    "Hana",
    "Viktor",
    "Elin",
    "Yonas",
    "Ida",
    "Mikael",
    "Noor",
    "Kalle",
]
LAST_NAMES = [
    "Nilsson",
    "Hassan",
    "Lindqvist",
    "Abdi",
    "Öberg",
    "Karimi",
    "Lundström",
    "Berg",
    "Nordlund",
    "Tesfay",
    "Granström",
    "Mäkelä",
    "Sundberg",
    "Haddad",
    "Wikström",
]

# The plan of the demo world: how many participants end in each state.
# Wishes some participants stated (municipalities, SNI divisions), so matching in the demo
# shows the preference part met and missed. Set on every run: the codes are fixed.
PREFERENCES = {
    "LP-D002": ([LULEA], ["16"]),
    "LP-D006": ([BODEN, LULEA], []),
    "LP-D009": ([PITEA], ["56"]),
    "LP-D010": ([LULEA, BODEN], ["47"]),
    "LP-D011": ([], ["96"]),
    "LP-D012": ([PITEA], []),
}

SCENARIOS = (
    ["received"] * 5
    + ["intake"] * 3
    + ["matching"] * 4
    + ["referral_declined"] * 2
    + ["withdrawn"]
    + ["ended"] * 8
    + ["proposed"] * 3
    + ["accepted"] * 3
    + ["agreed"] * 2
    + ["active"] * 7
    + ["placement_declined", "cancelled"]
    + ["anonymous"] * 2
    + ["consent_withdrawn"]
)


def _identity_number(rng: random.Random, coordination: bool) -> identity.IdentityNumber:
    while True:
        birth = datetime.date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        day = birth.day + (60 if coordination else 0)
        base = f"{birth:%y%m}{day:02d}{rng.randint(100, 999)}"
        try:
            return identity.parse_identity_number(base + luhn.calc_check_digit(base))
        except ValidationError:  # a rare impossible date; draw again
            continue


def _caseworkers() -> list[tuple[User, Organisation]]:
    result = []
    for email, name, party_name in CASEWORKERS:
        party = Organisation.objects.get(name=party_name)
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, organisation=party, role=Role.CASEWORKER)
        result.append((user, party))
    return result


def _openings() -> list[Opening]:
    openings = []
    for (
        enterprise,
        title,
        sni,
        ssyk,
        municipality,
        address,
        hours,
        capacity,
        adaptations,
        languages,
        transport,
        supervisors,
    ) in OPENINGS:
        opening, _created = Opening.objects.update_or_create(
            enterprise=Organisation.objects.get(name=enterprise),
            title=title,
            defaults={
                "tasks": f"{title}: arbetsuppgifter i en lugn och stöttande arbetsgrupp.",
                "industry_id": sni,
                "occupation_id": ssyk,
                "municipality_id": municipality,
                "street_address": address,
                "hours_min": hours[0],
                "hours_max": hours[1],
                "capacity": capacity,
                "adaptations": adaptations,
                "languages": languages,
                "public_transport": transport,
                "status": Opening.Status.OPEN,
                "available_from": datetime.date(timezone.localdate().year, 1, 1),
            },
        )
        for name, trained in supervisors:
            Supervisor.objects.update_or_create(
                opening=opening, name=name, defaults={"trained": trained}
            )
        openings.append(opening)
    return openings


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def _free_opening(openings: list[Opening], rng: random.Random, prefer: Opening | None):
    candidates = ([prefer] if prefer else []) + rng.sample(openings, len(openings))
    for opening in candidates:
        taken = opening.placements.filter(status__in=Placement.SEAT_HOLDING).count()
        if taken < opening.capacity - (1 if opening == openings[0] else 0):
            return opening
    raise RuntimeError("the demo openings are full")


def _extent_after(rng: random.Random, outcome: str) -> int:
    """A plausible extent of work or studies after exit, so the occupation tables fill."""
    if outcome.startswith("work"):
        return rng.choice([25, 50, 75, 100])
    if outcome == "studies":
        return rng.choice([50, 100])
    return rng.choice([0, 0, 25])


def _place(
    *, participant, referral, opening, coordinator, caseworker, enterprise_user, state, rng, age
):
    """Carry one episode along the pipeline to `state`, dating each step `age` days back."""
    services.referral_set_status(actor=coordinator, referral=referral, status="intake")
    services.referral_set_status(actor=coordinator, referral=referral, status="matching")
    placement = services.placement_propose(actor=coordinator, referral=referral, opening=opening)
    Placement.objects.filter(pk=placement.pk).update(proposed_at=_ago(age))
    if state == "proposed":
        return
    if state == "placement_declined":
        services.placement_decline(
            actor=enterprise_user, placement=placement, reason="Ingen handledare ledig just nu."
        )
        return
    services.placement_accept(actor=enterprise_user, placement=placement)
    Placement.objects.filter(pk=placement.pk).update(answered_at=_ago(max(age - 3, 1)))
    if state == "accepted" and rng.random() < 0.4:
        return
    start = timezone.localdate() - datetime.timedelta(days=max(age - 10, 1))
    supervisor = opening.supervisors.first()
    agreement = PlacementAgreement(
        goals="Komma in i arbetsrutiner och pröva yrket; öka tiden stegvis.",
        schedule="Måndag–torsdag 9–13",
        hours_per_week=max(opening.hours_min, min(opening.hours_max, 16)),
        supervisor=supervisor,
        adaptations=[a for a in participant.adaptations_needed if a in opening.adaptations],
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=180),
    )
    services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
    if state == "accepted":
        services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
        return
    services.agreement_approve(actor=enterprise_user, placement=placement, side="enterprise")
    services.agreement_approve(actor=caseworker, placement=placement, side="referrer")
    if state == "agreed":
        return
    if state == "cancelled":
        services.placement_cancel(actor=coordinator, placement=placement)
        return
    services.placement_start(actor=enterprise_user, placement=placement, started_on=start)
    dimensions = list(ProgressDimension.objects.filter(active=True))
    level = {d.code: rng.randint(1, 3) for d in dimensions}
    today = timezone.localdate()
    ends = state in ("ended", "consent_withdrawn")
    offsets = list(range(0, 151, 30)) if ends else list(range(0, 400, 28))
    for number, offset in enumerate(offsets):
        day = start + datetime.timedelta(days=offset)
        # One active placement is left with its follow-up overdue, for the inbox.
        if day > today - datetime.timedelta(days=3) or (state == "active" and age > 150 and number):
            break
        phase = FollowUp.Phase.START if number == 0 else FollowUp.Phase.DURING
        if ends and offset == offsets[-1]:
            phase = FollowUp.Phase.END
        follow_up = FollowUp(
            date=day,
            phase=phase,
            hours_attended=Decimal(min(8 + 3 * number, 30)),
            note="Trivs i arbetsgruppen." if number else "",
        )
        services.follow_up_record(
            actor=enterprise_user,
            placement=placement,
            follow_up=follow_up,
            scores={
                code: min(score + number // 2 + rng.randint(0, 1), 5)
                for code, score in level.items()
            },
        )
    if state in ("ended", "consent_withdrawn"):
        ended_on = min(start + datetime.timedelta(days=150), today - datetime.timedelta(days=1))
        outcome = rng.choice(
            [
                "work_unsubsidised",
                "work_subsidised",
                "work_at_enterprise",
                "studies",
                "job_seeking",
                "other_measure",
                "sick_leave",
                "drop_out",
            ]
        )
        services.placement_end(
            actor=coordinator,
            placement=placement,
            ended_on=ended_on,
            exit_reason="completed" if outcome.startswith("work") else "other",
            outcome=outcome,
            income_source_after="salary" if outcome.startswith("work") else "activity_support",
            work_study_percent_after=_extent_after(rng, outcome),
        )
        first_check = OutcomeCheck.objects.filter(placement=placement, months_after=6).first()
        if first_check and first_check.due_on <= today - datetime.timedelta(days=20):
            services.outcome_check_record(
                actor=coordinator,
                check=first_check,
                outcome=outcome,
                income_source="salary" if outcome.startswith("work") else "activity_support",
                checked_on=first_check.due_on,
            )


CONVERTED_REQUEST = "Jag vill komma tillbaka till arbetslivet"


def _convert_support_request(coordinator: User, caseworker: User, party: Organisation) -> None:
    """A request from the public form that the coordinator converted into a referral."""
    if Referral.objects.filter(support_request__subject=CONVERTED_REQUEST).exists():
        return
    support_request = SupportRequest.objects.filter(subject=CONVERTED_REQUEST).first()
    if support_request is None:
        support_request = SupportRequest(
            subject=CONVERTED_REQUEST,
            description=(
                "Jag har varit hemma länge och vill pröva att arbeta några timmar i veckan, "
                "gärna med mat eller i en butik i Piteå. Vem kan hjälpa mig?"
            ),
            channel=SupportRequest.Channel.PUBLIC_FORM,
            contact_name="Sara Lindqvist",
            contact_email="sara.lindqvist@exempel.test",
            contact_organisation="Privatperson",
            created_at=timezone.now() - datetime.timedelta(days=3),
        )
        support_request.set_due_dates()
        support_request.save()
    services.referral_open_from_support_request(
        request=support_request,
        by=coordinator,
        caseworker=caseworker,
        party=party,
        participant=Participant(
            gender="woman",
            start_year=timezone.localdate().year,
            municipality_id=PITEA,
            hours_per_week=10,
            adaptations_needed=["part_time_start"],
            languages=["sv"],
            consent_scope=Participant.ConsentScope.PLACEMENT,
            consent_date=timezone.localdate() - datetime.timedelta(days=1),
        ),
        name="Sara Lindqvist",
        number=_identity_number(random.Random("sara"), coordination=False),
        email="sara.lindqvist@exempel.test",
        reason="Vill pröva att arbeta några timmar i veckan.",
        note="Samtycke inhämtat per telefon; handläggaren kontaktar henne.",
        preferred_municipalities=[PITEA],
        preferred_industries=["56", "47"],
    )


def _state_preferences() -> None:
    # Only a participant whose consent holds may have stated wishes on record.
    consenting = Participant.objects.filter(
        code__in=PREFERENCES, consent_given=True, consent_withdrawn_on__isnull=True
    )
    for participant in consenting:
        municipalities, industries = PREFERENCES[participant.code]
        participant.preferred_municipalities.set(municipalities)
        participant.preferred_industries.set(industries)


@transaction.atomic
def _working_days_ago(days: int) -> datetime.datetime:
    day = add_working_days(timezone.localdate(), -days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def _stage_waiting(coordinator: User, caseworker: User) -> None:
    """Show every waiting state of the pipeline with its age (decision 0140).

    Proposals: one fresh, one reminded, one alerted to the coordinator; agreements
    awaiting each party; the follow-ups and outcome checks due asked for; one enterprise
    without users whose contact person has been invited. Notices are recorded as sent,
    without mail: the daily run then carries on from here.
    """
    if PipelineNotice.objects.exists():
        return
    Kind = PipelineNotice.Kind
    notices = []
    proposals = list(Placement.objects.filter(status=Placement.Status.PROPOSED).order_by("pk"))
    for placement, kinds in zip(
        proposals,
        [(), (Kind.REMINDER,), (Kind.REMINDER, Kind.ESCALATION)],
        strict=False,
    ):
        waited = 1 + 3 * len(kinds)
        Placement.objects.filter(pk=placement.pk).update(proposed_at=_working_days_ago(waited))
        for number, kind in enumerate(kinds, start=1):
            notices.append(
                PipelineNotice(
                    placement=placement,
                    step=pipeline.PROPOSAL,
                    kind=kind,
                    sent_at=_working_days_ago(waited - 3 * number),
                )
            )
    accepted = list(Placement.objects.filter(status=Placement.Status.ACCEPTED).order_by("pk")[:2])
    sides = [services.Side.REFERRER, services.Side.ENTERPRISE]
    for placement, side in zip(accepted, sides, strict=False):
        agreement = PlacementAgreement.objects.filter(placement=placement).first()
        if agreement is None:
            start = timezone.localdate() + datetime.timedelta(days=14)
            agreement = PlacementAgreement(
                goals="Komma in i arbetsrutiner; öka tiden stegvis.",
                schedule="Måndag–onsdag 9–13",
                hours_per_week=12,
                start_date=start,
                planned_end_date=start + datetime.timedelta(days=180),
            )
        # Saving the terms again asks both parties anew; then one side approves.
        services.agreement_save(actor=coordinator, placement=placement, agreement=agreement)
        services.agreement_approve(
            actor=caseworker if side == services.Side.REFERRER else coordinator,
            placement=placement,
            side=side,
        )
    notices.extend(
        PipelineNotice(
            placement=step.placement,
            step=step.step,
            kind=Kind.REQUEST,
            sent_at=step.since,
            recipients=", ".join(step.recipients),
        )
        for step in pipeline.waiting_steps(Placement.objects.all(), today=timezone.localdate())
    )
    PipelineNotice.objects.bulk_create(notices, ignore_conflicts=True)
    _invite_a_contact(proposals)


def _invite_a_contact(proposals: list[Placement]) -> None:
    """An enterprise without users whose contact was invited but has not yet signed in."""
    for placement in proposals:
        enterprise = placement.opening.enterprise
        if enterprise.memberships.exists():
            continue
        contact, created = User.objects.get_or_create(
            email=f"kontakt@{enterprise.slug}.test", defaults={"full_name": "Kim Kontaktperson"}
        )
        if created:
            contact.set_unusable_password()
            contact.save()
        Membership.objects.get_or_create(
            user=contact, organisation=enterprise, role=Role.ENTERPRISE
        )
        return


def seed(stdout) -> None:
    rng = random.Random(2026)
    caseworkers = _caseworkers()
    openings = _openings()
    snickeriet = openings[0]
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    enterprise_demo = User.objects.get(email="foretag@lotsen.test")
    created = 0
    for number, state in enumerate(SCENARIOS):
        code = f"LP-D{number + 1:03d}"
        rng_for = random.Random(number)
        if Participant.objects.filter(code=code).exists():
            continue
        caseworker, party = caseworkers[number % len(caseworkers)]
        if state in ("received", "intake"):
            age = 1 + number * 2
        elif state in ("ended", "consent_withdrawn"):
            # Long enough ago that outcome checks 6 and 12 months after exit fall due.
            age = 330 + number * 12
        else:
            age = 20 + (number * 17) % 200
        if state == "anonymous":
            participant = services.participant_register_anonymous(
                actor=caseworker,
                party=party,
                gender=rng_for.choice(["woman", "man"]),
                start_year=timezone.localdate().year,
            )
            Participant.objects.filter(pk=participant.pk).update(code=code)
            created += 1
            continue
        number_value = _identity_number(rng_for, coordination=number % 9 == 4)
        participant = Participant(
            code=code,
            gender=rng_for.choice(["woman", "man", "woman", "man", "other"]),
            start_year=_ago(age).year,
            municipality_id=party.municipality_id or LULEA,
            education=rng_for.choice(
                ["compulsory", "upper_secondary", "compulsory_incomplete", "post_secondary"]
            ),
            income_source_start=rng_for.choice(
                [
                    "sickness_benefit",
                    "activity_compensation",
                    "activity_support",
                    "social_assistance",
                    "unemployment_benefit",
                    "establishment_benefit",
                    "sickness_compensation",
                ]
            ),
            support_duration=rng_for.choice(["under_1", "1_to_3", "3_to_5", "over_5"]),
            work_study_percent=rng_for.choice([0, 0, 25, 50]),
            hours_per_week=rng_for.choice([10, 15, 20, 25]),
            adaptations_needed=rng_for.sample(
                [
                    "quiet_place",
                    "flexible_hours",
                    "part_time_start",
                    "written_instructions",
                    "language_support",
                    "regular_breaks",
                ],
                2,
            ),
            languages=["sv", *rng_for.sample(["en", "ar", "fi", "so", "ti", "uk"], 1)],
            driving_licence=rng_for.random() < 0.4,
            max_travel_km=rng_for.choice([10, 20, 30, 50]),
            # The first exit consented to placement only: no outcome checks are planned.
            consent_scope=Participant.ConsentScope.PLACEMENT
            if number == SCENARIOS.index("ended")
            else Participant.ConsentScope.PLACEMENT_AND_FOLLOW_UP,
            consent_date=(timezone.now() - datetime.timedelta(days=age)).date(),
        )
        participant.has_car = participant.driving_licence and rng_for.random() < 0.7
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        services.participant_register(
            actor=caseworker,
            party=party,
            participant=participant,
            interest_industries=[openings[number % len(openings)].industry_id],
            interest_occupations=[openings[number % len(openings)].occupation_id[:2]],
            name=name,
            number=number_value,
            phone=f"+4670{rng_for.randint(1000000, 9999999)}",
            email=f"deltagare{number + 1}@example.test",
            reason="Vill pröva ett yrke och komma tillbaka till arbetslivet i sin egen takt.",
        )
        created += 1
        referral = participant.referrals.get()
        Referral.objects.filter(pk=referral.pk).update(
            received_at=_ago(age), status_changed_at=_ago(age)
        )
        referral.refresh_from_db()
        if state == "received":
            continue
        if state in ("intake", "matching", "referral_declined", "withdrawn"):
            services.referral_set_status(actor=coordinator, referral=referral, status="intake")
            if state == "matching":
                services.referral_set_status(
                    actor=coordinator, referral=referral, status="matching"
                )
            elif state == "referral_declined":
                services.referral_set_status(
                    actor=coordinator,
                    referral=referral,
                    status="declined",
                    decline_reason="Behöver först medicinsk rehabilitering via regionen.",
                )
            elif state == "withdrawn":
                services.referral_set_status(
                    actor=caseworker, referral=referral, status="withdrawn"
                )
            continue
        # Snickeriet gets one episode of each kind, so the demo enterprise sees them all.
        prefer = (
            snickeriet
            if state in ("proposed", "accepted", "active", "ended") and number % 3 == 0
            else None
        )
        opening = _free_opening(openings, rng_for, prefer)
        enterprise_user = (
            enterprise_demo if opening.enterprise_id == snickeriet.enterprise_id else coordinator
        )
        _place(
            participant=participant,
            referral=referral,
            opening=opening,
            coordinator=coordinator,
            caseworker=caseworker,
            enterprise_user=enterprise_user,
            state=state,
            rng=rng_for,
            age=age,
        )
        if state == "consent_withdrawn":
            services.participant_withdraw_consent(actor=caseworker, participant=participant)
    _state_preferences()
    _convert_support_request(coordinator, *caseworkers[0])
    _stage_waiting(coordinator, caseworkers[0][0])
    stdout.write(
        f"  placements: {len(OPENINGS)} work-training places, {created} new participants "
        f"({Participant.objects.count()} in all)"
    )
