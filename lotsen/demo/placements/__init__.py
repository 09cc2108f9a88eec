"""The pilot function in the demo world: openings, ~40 participants in every state.

Dates are relative to today so the inbox always has ages, follow-ups due and
outcome checks due. Everyone is fictitious; the identity numbers are valid
in form only. Safe to run repeatedly: an existing participant code is skipped.

`seed` walks every participant through the plan in `participants.SCENARIOS`; the openings,
the episodes along the pipeline and the staged waiting states each have their own module.
"""

import datetime
import random

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo.placements.episodes import _place
from lotsen.demo.placements.openings import LULEA, OPENINGS, _free_opening, _openings
from lotsen.demo.placements.participants import (
    FIRST_NAMES,
    LAST_NAMES,
    SCENARIOS,
    _ago,
    _caseworkers,
    _convert_support_request,
    _identity_number,
    _state_preferences,
)
from lotsen.demo.placements.waiting import _stage_waiting
from lotsen.placements import services
from lotsen.placements.models import Participant, Referral


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
