"""Episodes that ended this year, so the effect measurement has outcomes to compare.

The pilot function's demo ends its episodes long ago (so that outcome checks
fall due); the dashboard's current year would then show no exits, no outcomes
and no progression. Fifteen more episodes, carried along the same pipeline as
the pilot function's demo, end at dates spread over this year, with waits
from referral to start that differ. Safe to run repeatedly: an existing
participant code is skipped.
"""

import random

from django.db import transaction
from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo import placements as placements_demo
from lotsen.placements import services
from lotsen.placements.models import OutcomeCheck, Participant, Placement, Referral

# The outcome of each episode, in order: 6 into work, 9 elsewhere, so every group
# that has anyone has at least 5 and the steering group sees the share, not "<5".
OUTCOMES = [
    "work_unsubsidised",
    "drop_out",
    "work_subsidised",
    "sick_leave",
    "other_measure",
    "work_at_enterprise",
    "drop_out",
    "work_subsidised",
    "unknown",
    "other_measure",
    "work_unsubsidised",
    "sick_leave",
    "drop_out",
    "work_at_enterprise",
    "moved",
]
EPISODES = len(OUTCOMES)
# Days ago each episode was proposed; the placement starts 10 days later and
# ends 150 days after that, so these end between about 20 and 300 days ago.
FIRST_AGE, STEP = 180, 20
GENDERS = ["woman", "man", "woman", "man", "other"]
INCOME_SOURCES = ["sickness_benefit", "activity_support", "social_assistance"]


@transaction.atomic
def seed(stdout) -> None:
    openings = placements_demo._openings()
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    caseworkers = placements_demo._caseworkers()
    created = 0
    for number in range(EPISODES):
        code = f"LP-E{number + 1:03d}"
        if Participant.objects.filter(code=code).exists():
            continue
        rng = random.Random(1000 + number)
        caseworker, party = caseworkers[number % len(caseworkers)]
        age = FIRST_AGE + number * STEP
        participant = Participant(
            code=code,
            gender=GENDERS[number % len(GENDERS)],
            start_year=placements_demo._ago(age).year,
            birth_year=rng.randint(1965, 2003),
            municipality_id=party.municipality_id or placements_demo.LULEA,
            education=rng.choice(["compulsory", "upper_secondary", "post_secondary"]),
            income_source_start=rng.choice(INCOME_SOURCES),
            support_duration=rng.choice(["1_to_3", "3_to_5", "over_5"]),
            work_study_percent=0,
            hours_per_week=20,
            adaptations_needed=["flexible_hours"],
            languages=["sv"],
            consent_scope=Participant.ConsentScope.PLACEMENT_AND_FOLLOW_UP,
            consent_date=placements_demo._ago(age + 40).date(),
        )
        services.participant_register(
            actor=caseworker,
            party=party,
            participant=participant,
            name=" ".join(
                [rng.choice(placements_demo.FIRST_NAMES), rng.choice(placements_demo.LAST_NAMES)]
            ),
            number=placements_demo._identity_number(rng, coordination=False),
            phone=f"+4670{rng.randint(1000000, 9999999)}",
            email=f"deltagare-e{number + 1}@example.test",
            reason="Vill hitta tillbaka till arbetslivet.",
        )
        referral = participant.referrals.get()
        # Waits from referral to start between 2 and 7 weeks.
        received = placements_demo._ago(age + rng.randint(4, 40))
        Referral.objects.filter(pk=referral.pk).update(
            received_at=received, status_changed_at=received
        )
        referral.refresh_from_db()
        opening = placements_demo._free_opening(openings, rng, None)
        placements_demo._place(
            participant=participant,
            referral=referral,
            opening=opening,
            coordinator=coordinator,
            caseworker=caseworker,
            enterprise_user=coordinator,
            state="ended",
            rng=rng,
            age=age,
        )
        # The pipeline draws an outcome at random; this demo needs a known mix.
        outcome = OUTCOMES[number]
        placement = referral.placements.get()
        Placement.objects.filter(pk=placement.pk).update(
            outcome=outcome,
            exit_reason="work" if outcome.startswith("work") else "other",
            income_source_after="salary" if outcome.startswith("work") else "activity_support",
        )
        OutcomeCheck.objects.filter(placement=placement).exclude(outcome="").update(outcome=outcome)
        created += 1
    stdout.write(
        f"Effect measurement: {created} episodes ended this year "
        f"({timezone.localdate():%Y}) added to the pilot function."
    )
