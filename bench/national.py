"""A synthetic national-scale Lotsen in the database, for the impact benchmark.

Extends the matching benchmark's Sweden (every one of the 290 municipalities,
sizes over two orders of magnitude, SNI/SSYK codes typical of work-integrating
social enterprises) with everything the effect measurement reads, over the
years 2021 to today:

- 200,000 participants (most anonymous, as the national follow-up keeps them:
  gender and start year only), 280,000 referrals and 250,000 placements with
  start and end dates, exits in the national outcome grouping, follow-ups with
  progress ratings (and the progress series kept from them) and outcome checks;
- 7,000 social enterprises with 22,000 openings, the parties of the coordination
  associations and the support actors;
- 50,000 support requests (states, areas, first-response times, ratings) with the
  hours delivered through the time bank and mentor meetings;
- 5,000 events with 100,000 registrations (organisation kinds, attendance);
- a funding plan, contributions and expenditures for every year.

Everything goes in with ``bulk_create`` in large batches inside one transaction,
drawn from a seeded NumPy generator, so two runs build the same world. Call
``populate()`` on a migrated database; ``python bench/national.py`` builds it in a
throwaway test database (SQLite in memory, or PostgreSQL with DATABASE_URL),
prints the counts and the time, and drops the database again.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.test_settings")

SEED = 20261127
FIRST_YEAR = 2021
BATCH = 5_000

PARTICIPANTS = 200_000
PLACEMENTS = 250_000
UNPLACED_REFERRALS = 30_000
ENTERPRISES = 7_000
OPENINGS = 22_000
SUPPORT_ACTORS = 60
SUPPORT_REQUESTS = 50_000
EVENTS = 5_000
REGISTRATIONS = 100_000
CASEWORKERS = 400
MENTORS = 200
CONSENT_SHARE = 0.10
FOLLOWED_UP_SHARE = 0.5

# Exit outcomes of ended placements, national grouping (placements.models.Outcome).
OUTCOMES = {
    "work_unsubsidised": 0.11,
    "work_subsidised": 0.10,
    "work_at_enterprise": 0.06,
    "studies": 0.11,
    "job_seeking": 0.20,
    "other_measure": 0.15,
    "sick_leave": 0.09,
    "drop_out": 0.11,
    "moved": 0.02,
    "unknown": 0.05,
}
EXIT_REASON = {
    "work_unsubsidised": "work",
    "work_subsidised": "work",
    "work_at_enterprise": "work",
    "studies": "studies",
    "job_seeking": "completed",
    "other_measure": "completed",
    "sick_leave": "health",
    "drop_out": "participant_choice",
    "moved": "other",
    "unknown": "other",
}
INCOME_AFTER = {
    "work_unsubsidised": "salary",
    "work_subsidised": "salary",
    "work_at_enterprise": "salary",
    "studies": "other",
    "job_seeking": "unemployment_benefit",
    "other_measure": "activity_support",
    "sick_leave": "sickness_benefit",
    "drop_out": "social_assistance",
    "moved": "other",
    "unknown": "",
}
INCOME_START = {
    "activity_support": 0.3,
    "social_assistance": 0.25,
    "sickness_benefit": 0.15,
    "activity_compensation": 0.1,
    "establishment_benefit": 0.08,
    "unemployment_benefit": 0.07,
    "none": 0.05,
}
EVENT_KINDS = {
    "network_meeting": 0.22,
    "breakfast_meeting": 0.12,
    "seminar": 0.15,
    "course": 0.15,
    "supervisor_training": 0.12,
    "asf_school": 0.06,
    "study_visit": 0.06,
    "conference": 0.03,
    "workshop": 0.08,
    "steering_group_meeting": 0.01,
}
# Support areas by how often requests name them; "coordination" is the coordinator's own.
REQUEST_AREAS = {
    "advice": 0.22,
    "training": 0.12,
    "mentoring": 0.10,
    "sales-marketing": 0.10,
    "board": 0.05,
    "supervisor-training": 0.08,
    "enterprise-networks": 0.05,
    "actor-networks": 0.04,
    "authority-contacts": 0.08,
    "asf-school": 0.04,
    "procurement": 0.07,
    "law-finance": 0.05,
}


@dataclass
class World:
    """How much was built, and the time it took."""

    counts: dict[str, int]
    seconds: float
    as_of: datetime.date

    def summary(self) -> str:
        parts = ", ".join(f"{count:,} {name}" for name, count in self.counts.items())
        return f"{parts}; built in {self.seconds:.1f} s"


def _pick(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = list(weights)
    p = np.array(list(weights.values()), float)
    return np.array(keys, dtype=object)[rng.choice(len(keys), size, p=p / p.sum())]


def _strings(values) -> np.ndarray:
    # Database drivers take Python strings, not NumPy's.
    return np.asarray(values).astype(object)


def _scaled(count: int, scale: float, least: int = 1) -> int:
    return max(least, round(count * scale))


def _insert(model, objects, counts: dict[str, int], name: str | None = None) -> np.ndarray:
    """Bulk-create in batches and return the new primary keys in order."""
    created = model.objects.bulk_create(objects, batch_size=BATCH)
    if name:
        counts[name] = counts.get(name, 0) + len(created)
    return np.array([obj.pk for obj in created], dtype=np.int64)


def populate(*, seed: int = SEED, scale: float = 1.0, as_of: datetime.date | None = None) -> World:
    """Build the national world in the current database (migrated, reference data loaded)."""
    from django.db import connection, transaction
    from django.utils import timezone

    started = time.perf_counter()
    as_of = as_of or timezone.localdate()
    with transaction.atomic():
        counts = _build(np.random.default_rng(seed), scale, as_of)
    # A live database has statistics; without them the planner guesses after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return World(counts=counts, seconds=time.perf_counter() - started, as_of=as_of)


def _build(rng: np.random.Generator, scale: float, as_of: datetime.date) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from matching import SNI_DIVISIONS, SSYK_MAJORS, Classification

    from lotsen.accounts.models import Membership, Role, User
    from lotsen.core.models import Municipality, SupportArea
    from lotsen.core.workdays import add_working_days
    from lotsen.events.models import Event, Registration
    from lotsen.funding.models import Contribution, Expenditure, Plan, PlanItem
    from lotsen.organisations.models import Organisation, SocialEnterprise
    from lotsen.placements.models import (
        FollowUp,
        Opening,
        OutcomeCheck,
        Participant,
        Placement,
        ProgressDimension,
        ProgressRating,
        ProgressSeries,
        Referral,
    )
    from lotsen.support.models import (
        Mentor,
        MentorMatch,
        MentorMeeting,
        SupportRequest,
        TimeBankAccount,
        TimeBankEntry,
    )

    counts: dict[str, int] = {}
    tz = timezone.get_current_timezone()
    start = datetime.date(FIRST_YEAR, 1, 1)
    span_days = (as_of - start).days
    no_password = make_password(None)

    def moment(day: datetime.date, minutes: int) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(8), tzinfo=tz) + datetime.timedelta(
            minutes=int(minutes)
        )

    def growing_days(size: int) -> np.ndarray:
        # Activity grows over the years: the density of days rises linearly.
        return np.sort((np.sqrt(rng.random(size)) * span_days).astype(int))

    municipalities = list(
        Municipality.objects.order_by("code").values_list("code", "county_id", "name")
    )
    m_codes = np.array([m[0] for m in municipalities], dtype=object)
    size = rng.lognormal(0.0, 1.1, len(m_codes))
    size /= size.sum()
    counties = sorted({m[1] for m in municipalities})

    # -------------------------------------------------------------- people who log in
    caseworker_count = _scaled(CASEWORKERS, scale, 3)
    user_ids = _insert(
        User,
        [
            User(
                email=f"handlaggare{i}@nationell.test",
                full_name=f"Handläggare {i}",
                password=no_password,
            )
            for i in range(caseworker_count)
        ],
        counts,
        "users",
    )

    # -------------------------------------------------------------- organisations
    parties = [
        Organisation(
            kind="party", name=f"{name} kommun", slug=f"n-kommun-{code}", municipality_id=code
        )
        for code, _county, name in municipalities
    ]
    parties += [
        Organisation(kind="party", name=f"Region {county}", slug=f"n-region-{county}")
        for county in counties
    ]
    parties += [
        Organisation(kind="party", name="Arbetsförmedlingen (nationell)", slug="n-af"),
        Organisation(kind="party", name="Försäkringskassan (nationell)", slug="n-fk"),
    ]
    party_ids = _insert(Organisation, parties, counts, "parties")
    m_party = party_ids[: len(m_codes)]
    region_of_m = {county: party_ids[len(m_codes) + i] for i, county in enumerate(counties)}
    region_party = np.array([region_of_m[m[1]] for m in municipalities], dtype=np.int64)
    af_party, fk_party = party_ids[-2], party_ids[-1]
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=int(user), organisation_id=int(rng.choice(party_ids)), role=Role.CASEWORKER
            )
            for user in user_ids
        ],
        batch_size=BATCH,
    )

    actor_count = _scaled(SUPPORT_ACTORS, scale, 2)
    actor_m = rng.choice(len(m_codes), actor_count, p=size)
    actor_ids = _insert(
        Organisation,
        [
            Organisation(
                kind="support_actor",
                name=f"Stödaktör {i}",
                slug=f"n-aktor-{i}",
                municipality_id=m_codes[m],
            )
            for i, m in enumerate(actor_m)
        ],
        counts,
        "support actors",
    )

    enterprise_count = _scaled(ENTERPRISES, scale, 5)
    # Every municipality has an enterprise when there are enough; the rest follow size.
    floor = 1 if enterprise_count >= 2 * len(m_codes) else 0
    per_m = floor + rng.multinomial(enterprise_count - floor * len(m_codes), size)
    enterprise_m = np.repeat(np.arange(len(m_codes)), per_m)
    enterprise_ids = _insert(
        Organisation,
        [
            Organisation(
                kind="social_enterprise",
                name=f"Socialt företag {i}",
                slug=f"n-foretag-{i}",
                municipality_id=m_codes[m],
            )
            for i, m in enumerate(enterprise_m)
        ],
        counts,
        "enterprises",
    )
    staff = np.clip(rng.lognormal(np.log(8), 0.7, len(enterprise_ids)), 1, 200).astype(int)
    target_staff = rng.binomial(staff, rng.beta(5, 4, len(staff)))
    SocialEnterprise.objects.bulk_create(
        [
            SocialEnterprise(
                organisation_id=int(org),
                purpose_work_integration=True,
                staff_participation=bool(rng.random() < 0.9),
                profits_reinvested=True,
                independent_of_public_sector=True,
                staff_count=int(s),
                staff_from_target_group=int(t),
                takes_trainees=True,
                trainee_capacity=int(rng.integers(1, 6)),
                verification_status="verified",
            )
            for org, s, t in zip(enterprise_ids, staff, target_staff, strict=True)
        ],
        batch_size=BATCH,
    )

    # -------------------------------------------------------------- openings
    opening_count = _scaled(OPENINGS, scale, 5)
    sni = Classification("sni2007.csv", SNI_DIVISIONS, rng)
    ssyk = Classification("ssyk2012.csv", SSYK_MAJORS, rng)
    opening_enterprise = rng.integers(len(enterprise_ids), size=opening_count)
    opening_capacity = rng.choice([1, 2, 3, 4], opening_count, p=[0.55, 0.25, 0.12, 0.08])
    opening_status = _strings(
        rng.choice(["open", "paused", "closed"], opening_count, p=[0.85, 0.05, 0.1])
    )
    hours_min = rng.choice([4, 8, 10, 15, 20], opening_count, p=[0.1, 0.2, 0.3, 0.25, 0.15])
    opening_ids = _insert(
        Opening,
        [
            Opening(
                enterprise_id=int(enterprise_ids[e]),
                title=f"Arbetsträning {i}",
                tasks="Arbetsuppgifter enligt överenskommelse.",
                industry_id=sni.draw(3),
                occupation_id=ssyk.draw(3),
                municipality_id=m_codes[enterprise_m[e]],
                hours_min=int(h),
                hours_max=int(min(40, h + 10)),
                capacity=int(c),
                status=s,
                public_transport=bool(rng.random() < 0.6),
                available_from=start,
            )
            for i, (e, c, s, h) in enumerate(
                zip(opening_enterprise, opening_capacity, opening_status, hours_min, strict=True)
            )
        ],
        counts,
        "openings",
    )
    opening_m = enterprise_m[opening_enterprise]
    # Offered since the first year, not since the moment of the insert.
    Opening.objects.update(created_at=moment(start, 0))

    # -------------------------------------------------------------- referrals and people
    placement_count = _scaled(PLACEMENTS, scale, 10)
    referral_count = placement_count + _scaled(UNPLACED_REFERRALS, scale, 2)
    participant_count = min(_scaled(PARTICIPANTS, scale, 5), referral_count)
    received_day = growing_days(referral_count)
    # Every participant has a referral; the rest are returning participants.
    owner = np.concatenate(
        (
            rng.permutation(participant_count),
            rng.integers(participant_count, size=referral_count - participant_count),
        )
    )
    # The referral's place decides the opening it goes to and the party that refers.
    referral_opening = rng.choice(
        len(opening_ids), referral_count, p=opening_capacity / opening_capacity.sum()
    )
    referral_m = opening_m[referral_opening]
    who_refers = rng.choice(4, referral_count, p=[0.45, 0.1, 0.3, 0.15])
    referring = np.select(
        [who_refers == 0, who_refers == 1, who_refers == 2],
        [m_party[referral_m], region_party[referral_m], np.full(referral_count, af_party)],
        np.full(referral_count, fk_party),
    )
    first_day = np.full(participant_count, span_days + 1)
    np.minimum.at(first_day, owner, received_day)
    first_party = np.zeros(participant_count, dtype=np.int64)
    first_party[owner[::-1]] = referring[::-1]
    first_m = np.zeros(participant_count, dtype=np.int64)
    first_m[owner[::-1]] = referral_m[::-1]

    consent = rng.random(participant_count) < CONSENT_SHARE
    gender = _strings(
        rng.choice(["woman", "man", "other"], participant_count, p=[0.46, 0.52, 0.02])
    )
    birth_year = (FIRST_YEAR - rng.integers(18, 64, participant_count)).astype(int)
    income_start = _pick(rng, INCOME_START, participant_count)
    codes = _participant_codes(participant_count)
    participant_ids = np.empty(participant_count, dtype=np.int64)
    for low in range(0, participant_count, BATCH * 4):
        high = min(low + BATCH * 4, participant_count)
        participant_ids[low:high] = _insert(
            Participant,
            [
                Participant(
                    code=codes[i],
                    registered_by_party_id=int(first_party[i]),
                    gender=gender[i],
                    start_year=(start + datetime.timedelta(days=int(first_day[i]))).year,
                    **(
                        {
                            "consent_given": True,
                            "consent_scope": "placement_follow_up",
                            "consent_date": start + datetime.timedelta(days=int(first_day[i])),
                            "birth_year": int(birth_year[i]),
                            "municipality_id": m_codes[first_m[i]],
                            "education": "upper_secondary",
                            "income_source_start": income_start[i],
                            "support_duration": "1_to_3",
                            "work_study_percent": 0,
                            "hours_per_week": 20,
                        }
                        if consent[i]
                        else {}
                    ),
                )
                for i in range(low, high)
            ],
            counts,
            "participants",
        )

    placed = np.zeros(referral_count, dtype=bool)
    placed[rng.choice(referral_count, placement_count, replace=False)] = True
    # Referrals not placed: old ones declined or withdrawn, the newest still open.
    age = span_days - received_day
    unplaced_status = np.where(
        age < 45,
        rng.choice(["received", "intake", "matching"], referral_count),
        rng.choice(["declined", "withdrawn"], referral_count, p=[0.6, 0.4]),
    )
    referral_status = _strings(np.where(placed, "placed", unplaced_status))
    receive_minutes = rng.integers(0, 9 * 60, referral_count)
    referral_ids = np.empty(referral_count, dtype=np.int64)
    for low in range(0, referral_count, BATCH * 4):
        high = min(low + BATCH * 4, referral_count)
        referral_ids[low:high] = _insert(
            Referral,
            [
                Referral(
                    participant_id=int(participant_ids[owner[i]]),
                    referring_party_id=int(referring[i]),
                    caseworker_id=int(user_ids[i % len(user_ids)]),
                    status=referral_status[i],
                    decline_reason="Annan insats passar bättre."
                    if referral_status[i] == "declined"
                    else "",
                    received_at=moment(
                        start + datetime.timedelta(days=int(received_day[i])),
                        receive_minutes[i],
                    ),
                    status_changed_at=moment(
                        start + datetime.timedelta(days=int(received_day[i])),
                        receive_minutes[i],
                    ),
                )
                for i in range(low, high)
            ],
            counts,
            "referrals",
        )

    # -------------------------------------------------------------- placements
    which = np.flatnonzero(placed)
    n = len(which)
    proposed_day = received_day[which] + rng.gamma(2.0, 10.0, n).astype(int)
    start_day = proposed_day + 7 + rng.gamma(2.0, 5.0, n).astype(int)
    length = np.clip(rng.lognormal(np.log(130), 0.5, n), 14, 540).astype(int)
    end_day = start_day + length
    refused = rng.random(n)
    status = np.select(
        [
            refused < 0.04,
            refused < 0.07,
            proposed_day > span_days,
            start_day > span_days,
            end_day > span_days,
        ],
        ["declined", "cancelled", "proposed", "agreed", "active"],
        "ended",
    ).astype(object)
    proposed_day = np.minimum(proposed_day, span_days)
    outcome = _pick(rng, OUTCOMES, n)
    ended = status == "ended"
    started = ended | (status == "active")
    after_percent = np.where(
        np.isin(outcome, ["work_unsubsidised", "work_subsidised", "work_at_enterprise"]),
        rng.choice([50, 75, 100], n),
        np.where(outcome == "studies", 100, 0),
    )
    placement_ids = np.empty(n, dtype=np.int64)
    for low in range(0, n, BATCH * 4):
        high = min(low + BATCH * 4, n)
        placement_ids[low:high] = _insert(
            Placement,
            [
                Placement(
                    referral_id=int(referral_ids[which[k]]),
                    participant_id=int(participant_ids[owner[which[k]]]),
                    opening_id=int(opening_ids[referral_opening[which[k]]]),
                    status=status[k],
                    proposed_by_id=int(user_ids[k % len(user_ids)]),
                    proposed_at=moment(start + datetime.timedelta(days=int(proposed_day[k])), 60),
                    started_on=start + datetime.timedelta(days=int(start_day[k]))
                    if started[k]
                    else None,
                    ended_on=start + datetime.timedelta(days=int(end_day[k])) if ended[k] else None,
                    exit_reason=EXIT_REASON[outcome[k]] if ended[k] else "",
                    outcome=outcome[k] if ended[k] else "",
                    income_source_after=INCOME_AFTER[outcome[k]] if ended[k] else "",
                    work_study_percent_after=int(after_percent[k]) if ended[k] else None,
                    status_changed_at=moment(
                        start + datetime.timedelta(days=int(min(end_day[k], span_days))), 0
                    ),
                )
                for k in range(low, high)
            ],
            counts,
            "placements",
        )

    # Follow-ups with a rating per dimension at start and, for ended placements, at the end;
    # the ratings rise a little on average, more for those who go on to work or studies.
    dimensions = list(ProgressDimension.objects.filter(active=True).values_list("code", flat=True))
    followed = np.flatnonzero(started & (rng.random(n) < FOLLOWED_UP_SHARE))
    coordinator_id = int(user_ids[0])
    follow_ups, phases = [], []
    for k in followed:
        follow_ups.append((k, "start", start_day[k] + 7))
        if ended[k]:
            follow_ups.append((k, "end", end_day[k]))
    follow_up_ids = np.empty(len(follow_ups), dtype=np.int64)
    for low in range(0, len(follow_ups), BATCH * 4):
        chunk = follow_ups[low : low + BATCH * 4]
        follow_up_ids[low : low + len(chunk)] = _insert(
            FollowUp,
            [
                FollowUp(
                    placement_id=int(placement_ids[k]),
                    date=start + datetime.timedelta(days=int(min(day, span_days))),
                    phase=phase,
                    hours_attended=Decimal(int(rng.integers(4, 30))),
                    recorded_by_id=coordinator_id,
                )
                for k, phase, day in chunk
            ],
            counts,
            "follow-ups",
        )
        phases.extend(phase for _k, phase, _day in chunk)
    good = np.isin(
        outcome, ["work_unsubsidised", "work_subsidised", "work_at_enterprise", "studies"]
    )
    base_score = rng.integers(1, 4, (len(follow_ups), len(dimensions)))
    gain = rng.choice([-1, 0, 0, 1, 1, 2], (len(follow_ups), len(dimensions)))
    ratings = []
    for row, ((k, phase, _day), follow_up_id) in enumerate(
        zip(follow_ups, follow_up_ids, strict=True)
    ):
        for column, dimension in enumerate(dimensions):
            score = base_score[row, column]
            if phase == "end":
                score = base_score[row - 1, column] + gain[row, column] + int(good[k])
            ratings.append((int(follow_up_id), dimension, int(min(5, max(1, score)))))
    # A million rows of three plain columns: straight SQL saves most of the time here.
    _raw_insert(ProgressRating, ["follow_up_id", "dimension_id", "score"], ratings)
    counts["progress ratings"] = len(ratings)
    del ratings
    # The effect statistics read the series kept from the ratings; the app's own rebuild
    # builds them in the database, as the migration does for existing ratings.
    ProgressSeries.objects.rebuild_all()
    counts["progress series"] = ProgressSeries.objects.count()

    checks = []
    for k in np.flatnonzero(ended & (rng.random(n) < 0.3)):
        due = end_day[k] + 182
        checked = due <= span_days and rng.random() < 0.7
        later = OUTCOMES if rng.random() < 0.5 else {outcome[k]: 1.0}
        checked_outcome = _pick(rng, later, 1)[0] if checked else ""
        checks.append(
            OutcomeCheck(
                placement_id=int(placement_ids[k]),
                months_after=6,
                due_on=start + datetime.timedelta(days=int(due)),
                checked_on=start + datetime.timedelta(days=int(due)) if checked else None,
                outcome=checked_outcome,
                income_source=INCOME_AFTER[checked_outcome] if checked else "",
                checked_by_id=coordinator_id if checked else None,
            )
        )
    _insert(OutcomeCheck, checks, counts, "outcome checks")

    # -------------------------------------------------------------- support
    request_count = _scaled(SUPPORT_REQUESTS, scale, 5)
    area_of = _pick(rng, REQUEST_AREAS, request_count)
    created_day = growing_days(request_count)
    request_age = span_days - created_day
    response_hours = np.clip(rng.lognormal(np.log(20), 0.9, request_count), 0.2, 400)
    resolve_days = np.clip(rng.lognormal(np.log(9), 0.7, request_count), 1, 120).astype(int)
    request_status = np.select(
        [
            request_age < 2,
            request_age < 5,
            request_age < resolve_days,
            request_age < resolve_days + 14,
        ],
        ["new", "triaged", "in_progress", "resolved"],
        "closed",
    ).astype(object)
    responded = ~np.isin(request_status, ["new"]) & (response_hours < request_age * 24 + 8)
    done = np.isin(request_status, ["resolved", "closed"])
    rated = done & (rng.random(request_count) < 0.4)
    rating = rng.choice([1, 2, 3, 4, 5], request_count, p=[0.03, 0.05, 0.15, 0.37, 0.4])
    requester = rng.choice(
        np.concatenate((enterprise_ids, party_ids[: len(m_codes)])), request_count
    )
    provider_kind = rng.random(request_count)
    provider = np.where(
        provider_kind < 0.6,
        rng.choice(actor_ids, request_count),
        np.where(provider_kind < 0.8, rng.choice(party_ids, request_count), 0),
    )
    first_response_due = {}
    resolution_due = {}
    for day in np.unique(created_day):
        received = start + datetime.timedelta(days=int(day))
        first_response_due[day] = add_working_days(received, 2)
        resolution_due[day] = add_working_days(received, 15)
    created_minutes = rng.integers(0, 10 * 60, request_count)
    request_objects = []
    for i in range(request_count):
        created_at = moment(
            start + datetime.timedelta(days=int(created_day[i])), created_minutes[i]
        )
        resolved_at = created_at + datetime.timedelta(days=int(resolve_days[i]))
        request_objects.append(
            SupportRequest(
                status=request_status[i],
                outcome="assigned" if provider[i] else ("answered" if done[i] else ""),
                channel="signed_in" if i % 3 else "public_form",
                area_id=area_of[i],
                subject=f"Fråga om {area_of[i]}",
                description="Vi behöver hjälp.",
                requester_organisation_id=int(requester[i]),
                assigned_provider_id=int(provider[i]) or None,
                created_at=created_at,
                first_response_due=first_response_due[created_day[i]],
                resolution_due=resolution_due[created_day[i]],
                first_responded_at=created_at + datetime.timedelta(hours=float(response_hours[i]))
                if responded[i]
                else None,
                resolved_at=resolved_at if done[i] else None,
                closed_at=resolved_at + datetime.timedelta(days=14)
                if request_status[i] == "closed"
                else None,
                rating=int(rating[i]) if rated[i] else None,
            )
        )
    request_ids = _insert(SupportRequest, request_objects, counts, "support requests")
    del request_objects

    # Hours delivered through the time bank: one account per enterprise, year and area.
    is_enterprise = np.isin(requester, enterprise_ids)
    delivered = np.flatnonzero(done & is_enterprise & (area_of != "mentoring"))
    hours = np.round(np.clip(rng.lognormal(np.log(3), 0.8, len(delivered)), 0.5, 40) * 2) / 2
    delivered_year = np.array(
        [(start + datetime.timedelta(days=int(created_day[i]))).year for i in delivered]
    )
    keys = list(zip(requester[delivered], delivered_year, area_of[delivered], strict=True))
    totals: dict[tuple, float] = {}
    for key, h in zip(keys, hours, strict=True):
        totals[key] = totals.get(key, 0.0) + float(h)
    account_keys = list(totals)
    # Each account was granted enough for what it delivered, so no balance goes below zero.
    grant = {key: Decimal(max(20, int(total) + 5)) for key, total in totals.items()}
    account_ids = _insert(
        TimeBankAccount,
        [
            TimeBankAccount(
                enterprise_id=int(key[0]),
                year=int(key[1]),
                area_id=key[2],
                balance=grant[key] - Decimal(str(totals[key])),
            )
            for key in account_keys
        ],
        counts,
        "time bank accounts",
    )
    account_of = dict(zip(account_keys, account_ids, strict=True))
    balance = dict(grant)
    entries = [
        TimeBankEntry(
            account_id=int(account_of[key]),
            kind="grant",
            hours=grant[key],
            balance_after=grant[key],
            actor_id=coordinator_id,
            created_at=moment(datetime.date(int(key[1]), 1, 1), 0),
        )
        for key in account_keys
    ]
    for i, key, h in zip(delivered, keys, hours, strict=True):
        spent = Decimal(str(h))
        balance[key] -= spent
        entries.append(
            TimeBankEntry(
                account_id=int(account_of[key]),
                kind="delivery",
                hours=-spent,
                balance_after=balance[key],
                request_id=int(request_ids[i]),
                actor_id=coordinator_id,
                created_at=moment(
                    start
                    + datetime.timedelta(
                        days=int(min(created_day[i] + resolve_days[i], span_days))
                    ),
                    30,
                ),
            )
        )
    _insert(TimeBankEntry, entries, counts, "time bank entries")

    mentor_count = _scaled(MENTORS, scale, 2)
    mentor_org = rng.choice(np.concatenate((actor_ids, party_ids)), mentor_count)
    mentor_ids = _insert(
        Mentor,
        [
            Mentor(
                full_name=f"Mentor {i}",
                email=f"mentor{i}@nationell.test",
                organisation_id=int(org) if rng.random() < 0.8 else None,
            )
            for i, org in enumerate(mentor_org)
        ],
        counts,
        "mentors",
    )
    mentored = np.flatnonzero((area_of == "mentoring") & responded)
    match_ids = _insert(
        MentorMatch,
        [
            MentorMatch(
                mentor_id=int(rng.choice(mentor_ids)),
                request_id=int(request_ids[i]),
                created_by_id=coordinator_id,
                created_at=moment(start + datetime.timedelta(days=int(created_day[i]) + 3), 0),
            )
            for i in mentored
        ],
        counts,
        "mentor matches",
    )
    meetings = []
    for i, match_id in zip(mentored, match_ids, strict=True):
        for number in range(int(rng.integers(1, 6))):
            day = min(created_day[i] + 7 + 14 * number, span_days)
            meetings.append(
                MentorMeeting(
                    match_id=int(match_id),
                    held_on=start + datetime.timedelta(days=int(day)),
                    hours=Decimal(str(rng.choice([1.0, 1.5, 2.0, 3.0]))),
                    logged_by_id=coordinator_id,
                )
            )
    _insert(MentorMeeting, meetings, counts, "mentor meetings")

    # -------------------------------------------------------------- events
    event_count = _scaled(EVENTS, scale, 3)
    # Events are planned up to two months ahead, so some are still to come.
    event_day = np.sort((np.sqrt(rng.random(event_count)) * (span_days + 60)).astype(int))
    kind = _pick(rng, EVENT_KINDS, event_count)
    event_m = rng.choice(len(m_codes), event_count, p=size)
    event_hours = rng.choice([1, 2, 3, 4, 6, 8], event_count)
    event_objects = []
    for i in range(event_count):
        starts_at = moment(start + datetime.timedelta(days=int(event_day[i])), 60)
        event_objects.append(
            Event(
                kind=kind[i],
                title=f"Evenemang {i}",
                slug=f"n-evenemang-{i}",
                description="Ett evenemang för stödstrukturen.",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=int(event_hours[i])),
                place="Kommunhuset",
                municipality_id=m_codes[event_m[i]],
                capacity=int(rng.choice([20, 30, 50, 100])),
                audience=str(rng.choice(["enterprises", "public_sector", "everyone"])),
                visibility="members" if kind[i] == "steering_group_meeting" else "public",
            )
        )
    event_ids = _insert(Event, event_objects, counts, "events")
    del event_objects
    organisers = rng.choice(np.concatenate((actor_ids, party_ids)), event_count)
    Event.organisers.through.objects.bulk_create(
        [
            Event.organisers.through(event_id=int(e), organisation_id=int(o))
            for e, o in zip(event_ids, organisers, strict=True)
        ],
        batch_size=BATCH,
    )
    registration_count = _scaled(REGISTRATIONS, scale, 5)
    popularity = rng.gamma(2.0, 1.0, event_count)
    registration_event = np.sort(
        rng.choice(event_count, registration_count, p=popularity / popularity.sum())
    )
    org_kind = rng.choice(4, registration_count, p=[0.5, 0.3, 0.1, 0.1])
    registration_org = np.select(
        [org_kind == 0, org_kind == 1, org_kind == 2],
        [
            rng.choice(enterprise_ids, registration_count),
            rng.choice(party_ids, registration_count),
            rng.choice(actor_ids, registration_count),
        ],
        0,
    )
    registration_status = _strings(
        rng.choice(["confirmed", "waiting", "cancelled"], registration_count, p=[0.85, 0.05, 0.1])
    )
    showed_up = rng.random(registration_count) < 0.85
    past_event = event_day[registration_event] < span_days
    lead = rng.integers(1, 40, registration_count)
    registrations = []
    for i in range(registration_count):
        e = registration_event[i]
        attended = None
        if past_event[i] and registration_status[i] == "confirmed":
            attended = bool(showed_up[i])
        registered_day = min(event_day[e] - lead[i], span_days)
        created_at = moment(start + datetime.timedelta(days=int(registered_day)), 0)
        registrations.append(
            Registration(
                event_id=int(event_ids[e]),
                organisation_id=int(registration_org[i]) or None,
                organisation_name="" if registration_org[i] else "Privatperson",
                municipality_id=m_codes[event_m[e]],
                status=registration_status[i],
                attended=attended,
                created_at=created_at,
                status_changed_at=created_at,
            )
        )
        if len(registrations) >= BATCH * 4:
            _insert(Registration, registrations, counts, "registrations")
            registrations = []
    _insert(Registration, registrations, counts, "registrations")

    # -------------------------------------------------------------- funding
    areas = list(
        SupportArea.objects.exclude(code="coordination")
        .order_by("position")
        .values_list("code", flat=True)
    )
    contributors = party_ids[rng.choice(len(party_ids), min(40, len(party_ids)), replace=False)]
    plans, items, contributions, expenditures = [], [], [], []
    for year in range(FIRST_YEAR, as_of.year + 1):
        pot = Decimal(int(rng.integers(40, 60)) * 1_000_000)
        plans.append(
            Plan(
                year=year,
                model="financing",
                status="closed" if year < as_of.year else "adopted",
                pot_budget=pot,
                coordinator_cost=Decimal(2_400_000),
                adopted_on=datetime.date(year, 1, 15),
            )
        )
    plan_ids = _insert(Plan, plans, counts, "plans")
    for plan_id, year in zip(plan_ids, range(FIRST_YEAR, as_of.year + 1), strict=True):
        budgets = rng.dirichlet(np.ones(len(areas))) * float(
            plans[year - FIRST_YEAR].pot_budget - Decimal(2_400_000)
        )
        for priority, (area, budget) in enumerate(zip(areas, budgets, strict=True), 1):
            items.append(
                PlanItem(
                    plan_id=int(plan_id),
                    priority=priority,
                    area_id=area,
                    budget=Decimal(int(budget)),
                )
            )
        for party in contributors:
            contributions.append(
                Contribution(
                    party_id=int(party),
                    year=year,
                    amount=Decimal(int(rng.integers(200, 2000)) * 1000),
                    hours=Decimal(int(rng.integers(0, 800))),
                    hourly_value=Decimal(650),
                    paid_on=datetime.date(year, 2, 28),
                )
            )
        last_day = min(datetime.date(year, 12, 31), as_of)
        year_days = (last_day - datetime.date(year, 1, 1)).days + 1
        for number in range(_scaled(600, scale, 3)):
            area = areas[int(rng.integers(len(areas)))]
            net = Decimal(int(rng.lognormal(np.log(30_000), 0.9)))
            expenditure = Expenditure(
                plan_id=int(plan_id),
                area_id=area,
                supplier=f"Leverantör {number % 90}",
                spent_on=datetime.date(year, 1, 1)
                + datetime.timedelta(days=int(rng.integers(year_days))),
                description="Köpt stöd",
                net_amount=net,
                vat_rate=25,
                recorded_by_id=coordinator_id,
            )
            expenditure.compute_vat()
            expenditures.append(expenditure)
    _insert(PlanItem, items, counts, "plan items")
    _insert(Contribution, contributions, counts, "contributions")
    _insert(Expenditure, expenditures, counts, "expenditures")
    return counts


def _raw_insert(model, columns: list[str], rows: list[tuple]) -> None:
    from django.db import connection

    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for low in range(0, len(rows), BATCH * 4):
            cursor.executemany(sql, rows[low : low + BATCH * 4])


def _participant_codes(count: int) -> list[str]:
    """Unique codes in the form of new_participant_code, scattered so they look random."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    space = 32**6
    codes = []
    for i in range(count):
        value = (i * 387_420_489 + 12_345) % space  # an odd multiplier is a bijection
        digits = []
        for _ in range(6):
            value, digit = divmod(value, 32)
            digits.append(alphabet[digit])
        codes.append("LP-" + "".join(digits))
    return codes


def throwaway_database(*, sqlite_in_a_file: bool = False):
    """Create a fresh test database (never the user's) and return its teardown.

    SQLite's is in memory unless `sqlite_in_a_file`: a file, as the embedded database is
    deployed, which more than one connection can open (decision 0211).
    """
    import django
    from django.db import connection
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    folder = None
    if sqlite_in_a_file and connection.vendor == "sqlite":
        folder = tempfile.TemporaryDirectory(prefix="lotsen-bench-")
        connection.settings_dict["TEST"]["NAME"] = str(Path(folder.name) / "national.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    def teardown() -> None:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if folder is not None:
            folder.cleanup()

    return teardown


def main() -> None:
    from django.db import connection

    # An optional first argument scales every count, e.g. 0.01 for a quick look.
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    teardown = throwaway_database()
    try:
        world = populate(scale=scale)
        print(f"data ({connection.vendor}): {world.summary()}")
        print(f"RESULT generate_s={world.seconds:.1f}")
    finally:
        teardown()


if __name__ == "__main__":
    main()
