"""Every indicator against a small case computed by hand (periods 2025 and 2024)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from lotsen.accounts.tests.factories import UserFactory
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.funding.tests.factories import ExpenditureFactory, PlanFactory, PlanItemFactory
from lotsen.impact.indicators import (
    INDICATORS,
    REGION,
    Scope,
    compute_indicators,
    exit_outcome_counts,
    sharing_figures,
)
from lotsen.impact.periods import Period
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory
from lotsen.placements.models import Opening, ProgressDimension
from lotsen.placements.tests.factories import OpeningFactory
from lotsen.support.models import MentorMatch, MentorMeeting, SupportRequest, TimeBankEntry
from lotsen.support.tests.factories import (
    MentorFactory,
    OfferFactory,
    SupportRequestFactory,
    account_with,
)
from lotsen.surveys.tests.factories import answer, needs_round

from .factories import episode, moment, party, rate

D = datetime.date
Y2025 = Period.year_of(2025)


def values(key: str, period: Period = Y2025, scope: Scope = REGION) -> list:
    """[(label, previous, value)] for each row, nothing hidden."""
    raw = INDICATORS[key].compute_many([period.previous(), period], scope)
    return [(str(row.label), row.values[0], row.values[1]) for row in raw]


def by_label(key: str, **kwargs) -> dict:
    return {label: (previous, value) for label, previous, value in values(key, **kwargs)}


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def af(db):
    return party("2580", name="Arbetsförmedlingen")


@pytest.fixture
def fk(db):
    return party("2581", name="Försäkringskassan")


def test_every_indicator_has_its_definition_and_answers_an_empty_database(db):
    results = compute_indicators(Y2025, REGION, show_small_cells=False)
    assert {r.key for r in results} == set(INDICATORS)
    assert len(INDICATORS) >= 20
    for result in results:
        assert result.title and result.definition and result.unit_label, result.key
        for row in result.rows:
            # Nothing to divide by gives None, never a number from a zero division.
            assert row.value in (0, None), (result.key, row)


def test_placements_started_active_and_ended_count_people_per_period(af):
    episode(
        referring_party=af,
        received=D(2024, 11, 1),
        started=D(2024, 12, 1),
        ended=D(2025, 3, 1),
        outcome="studies",
    )
    episode(referring_party=af, received=D(2025, 1, 1), started=D(2025, 2, 1))
    episode(
        referring_party=af,
        received=D(2025, 1, 1),
        started=D(2025, 2, 1),
        ended=D(2025, 6, 30),
        outcome="work_subsidised",
    )
    # A placement that ended the year before counts in 2024 only.
    episode(
        referring_party=af,
        received=D(2024, 1, 1),
        started=D(2024, 2, 1),
        ended=D(2024, 5, 1),
        outcome="drop_out",
    )
    assert values("placements") == [
        ("Participants who started", 2, 2),
        ("Participants in work training", 2, 3),
        ("Participants who ended", 1, 2),
    ]


def test_a_person_with_two_placements_in_the_period_counts_once(af):
    first = episode(
        referring_party=af,
        received=D(2025, 1, 1),
        started=D(2025, 1, 10),
        ended=D(2025, 2, 1),
        outcome="drop_out",
    )
    episode(
        referring_party=af,
        received=D(2025, 3, 1),
        started=D(2025, 3, 10),
        participant=first.participant,
    )
    assert values("placements")[0] == ("Participants who started", 0, 1)


def test_indicators_reading_the_same_people_share_their_queries_within_a_block(
    af, django_assert_num_queries
):
    episode(referring_party=af, received=D(2025, 1, 1), started=D(2025, 1, 10))
    with sharing_figures():
        compute_indicators(Y2025, REGION, show_small_cells=True, keys=["placements"])
        # The yearly report asks section by section; the exits are already counted.
        with django_assert_num_queries(0):
            compute_indicators(
                Y2025, REGION, show_small_cells=True, keys=["exit_outcomes", "work_or_studies"]
            )
            exit_outcome_counts(Y2025, REGION)  # the socio-economic estimate's counts
    # Outside a block they are read afresh: the placements, and the places closed.
    with django_assert_num_queries(2):
        compute_indicators(Y2025, REGION, show_small_cells=True, keys=["exit_outcomes"])


def test_exit_outcomes_follow_the_national_grouping(af):
    for outcome in [
        "work_unsubsidised",
        "work_at_enterprise",
        "studies",
        "job_seeking",
        "sick_leave",
        "unknown",
    ]:
        episode(
            referring_party=af,
            received=D(2025, 1, 1),
            started=D(2025, 2, 1),
            ended=D(2025, 9, 1),
            outcome=outcome,
        )
    assert exit_outcome_counts(Y2025, REGION) == {
        "work": 2,
        "studies": 1,
        "job_seeking": 1,
        "other": 2,
    }
    assert exit_outcome_counts(Year2024 := Period.year_of(2024), REGION) == {
        "work": 0,
        "studies": 0,
        "job_seeking": 0,
        "other": 0,
    }
    assert Year2024.slug == "2024"
    assert [v for _l, _p, v in values("exit_outcomes")] == [2, 1, 1, 2]
    # Work or studies: 3 of 6.
    assert values("work_or_studies") == [("Share into work or studies", None, Decimal("50.0"))]


def test_people_flows_are_scoped_by_municipality_and_referring_party(af, fk):
    episode(
        referring_party=af,
        municipality="2580",
        received=D(2025, 1, 1),
        started=D(2025, 2, 1),
        ended=D(2025, 4, 1),
        outcome="studies",
    )
    episode(
        referring_party=fk,
        municipality="2581",
        received=D(2025, 1, 1),
        started=D(2025, 2, 1),
        ended=D(2025, 4, 1),
        outcome="drop_out",
    )
    episode(referring_party=fk, municipality="2580", received=D(2025, 1, 1))
    assert exit_outcome_counts(Y2025, Scope(party_id=af.pk))["studies"] == 1
    assert exit_outcome_counts(Y2025, Scope(party_id=fk.pk))["other"] == 1
    assert exit_outcome_counts(Y2025, Scope(municipality_id="2581")) == {
        "work": 0,
        "studies": 0,
        "job_seeking": 0,
        "other": 1,
    }
    assert values("referrals", scope=Scope(municipality_id="2580")) == [("People referred", 0, 2)]
    assert values("referrals", scope=Scope(municipality_id="2580", party_id=fk.pk))[0][2] == 1


def test_days_from_referral_to_placement_median_and_mean(af):
    for wait in (10, 20, 60):
        start = D(2025, 4, 1)
        episode(referring_party=af, received=start - datetime.timedelta(days=wait), started=start)
    assert values("referral_to_placement") == [
        ("Median days", None, Decimal("20.0")),
        ("Mean days", None, Decimal("30.0")),
    ]
    episode(referring_party=af, received=D(2025, 3, 1), started=D(2025, 3, 31))
    # Four cases: the median is the mean of the middle two (20 and 30).
    assert values("referral_to_placement")[0][2] == Decimal("25.0")


def test_the_median_wait_counts_every_placement_when_waits_repeat(af):
    start = D(2025, 4, 1)
    for wait in (10, 10, 10, 30):
        episode(referring_party=af, received=start - datetime.timedelta(days=wait), started=start)
    assert values("referral_to_placement") == [
        ("Median days", None, Decimal("10.0")),
        ("Mean days", None, Decimal("15.0")),
    ]
    episode(referring_party=af, received=start - datetime.timedelta(days=30), started=start)
    episode(referring_party=af, received=start - datetime.timedelta(days=30), started=start)
    # 10, 10, 10, 30, 30, 30: the middle two are 10 and 30.
    assert values("referral_to_placement")[0][2] == Decimal("20.0")


def test_openings_and_the_share_of_capacity_used(af):
    luleå = OpeningFactory(municipality_id="2580", capacity=4)
    OpeningFactory(municipality_id="2580", capacity=2, status=Opening.Status.CLOSED)
    OpeningFactory(municipality_id="2581", capacity=6)
    episode(referring_party=af, received=D(2025, 1, 1), started=D(2025, 2, 1), opening=luleå)
    Opening.objects.update(created_at=moment(D(2024, 12, 1)), available_from=D(2025, 1, 1))
    assert values("openings", scope=Scope(municipality_id="2580"))[0][2] == 1
    assert values("openings")[1][2] == 10
    # One person at 10 seats: 10 %; in Luleå one at 4 seats: 25 %.
    assert values("capacity_used")[0][2] == Decimal("10.0")
    assert values("capacity_used", scope=Scope(municipality_id="2580"))[0][2] == Decimal("25.0")


def test_progression_is_the_mean_change_from_first_to_last_rating(af):
    dimension = ProgressDimension.objects.first().code
    changes = []
    for first, middle, last in [(1, 5, 3), (2, 2, 4), (3, 3, 3)]:
        referral = episode(
            referring_party=af,
            received=D(2025, 1, 1),
            started=D(2025, 2, 1),
            ended=D(2025, 8, 1),
            outcome="studies",
        )
        placement = referral.placements.get()
        rate(placement, D(2025, 2, 1), {dimension: first})
        rate(placement, D(2025, 5, 1), {dimension: middle})
        rate(placement, D(2025, 7, 30), {dimension: last})
        changes.append(last - first)
    # Rated once only: no change to measure.
    once = episode(
        referring_party=af,
        received=D(2025, 1, 1),
        started=D(2025, 2, 1),
        ended=D(2025, 8, 1),
        outcome="studies",
    )
    rate(once.placements.get(), D(2025, 2, 1), {dimension: 1})
    rows = INDICATORS["progression"].compute_many([Y2025], REGION)
    assert len(rows) == 1
    assert rows[0].values == [Decimal("1.33")]  # (2 + 2 + 0) / 3
    assert rows[0].bases == [3]


def test_progression_splits_periods_and_scope_in_one_query(af, django_assert_num_queries):
    dimension = ProgressDimension.objects.first().code
    for ended, municipality, first, last in [
        (D(2024, 6, 1), "2580", 2, 3),
        (D(2025, 6, 1), "2580", 1, 4),
        (D(2025, 6, 1), "2581", 5, 1),
    ]:
        referral = episode(
            referring_party=af,
            received=D(2024, 1, 1),
            started=D(2024, 2, 1),
            ended=ended,
            outcome="studies",
            municipality=municipality,
        )
        placement = referral.placements.get()
        rate(placement, D(2024, 2, 1), {dimension: first})
        rate(placement, D(2024, 5, 1), {dimension: last})
    luleå = Scope(municipality_id="2580")
    # One aggregate over the kept series, and the dimensions for their names.
    with django_assert_num_queries(2):
        rows = INDICATORS["progression"].compute_many([Y2025.previous(), Y2025], luleå)
    assert [(row.values, row.bases) for row in rows] == [([Decimal(1), Decimal(3)], [1, 1])]
    assert values("progression") == [(rows[0].label, Decimal(1), Decimal("-0.50"))]


def test_social_enterprises_their_staff_and_target_group_share(db):
    SocialEnterpriseFactory(
        staff_count=10, staff_from_target_group=4, verification_status="verified"
    )
    SocialEnterpriseFactory(staff_count=6, staff_from_target_group=None)
    SocialEnterpriseFactory(
        staff_count=10, staff_from_target_group=6, organisation__municipality_id="2581"
    )
    now = Period.current()
    assert values("enterprises", period=now)[0][2] == 3
    assert values("enterprises", period=now)[1][2] == 1
    assert values("enterprise_staff", period=now) == [
        ("Staff", 0, 26),
        ("Staff from the target group", 0, 10),
    ]
    # Over the enterprises that state both figures: 10 of 20.
    assert values("target_group_share", period=now)[0][2] == Decimal("50.0")
    assert values("enterprises", period=now, scope=Scope(municipality_id="2581"))[0][2] == 1


def test_support_requests_and_working_days_to_first_response(db):
    provider = party("2580")
    # Monday 3 March 2025 → Wednesday 5 March: 2 working days.
    SupportRequestFactory(
        created_at=moment(D(2025, 3, 3)),
        first_responded_at=moment(D(2025, 3, 5)),
        assigned_provider=provider,
    )
    # Friday 18 April 2025 (Good Friday) → Tuesday 22 April (after Easter Monday): 1 working day.
    SupportRequestFactory(
        created_at=moment(D(2025, 4, 18)),
        first_responded_at=moment(D(2025, 4, 22)),
        resolved_at=moment(D(2025, 5, 1)),
    )
    SupportRequestFactory(created_at=moment(D(2025, 6, 2)))
    SupportRequestFactory(created_at=moment(D(2024, 6, 3)))
    assert values("support_requests") == [
        ("Requests received", 1, 3),
        ("Requests resolved", 0, 1),
    ]
    assert values("first_response") == [
        ("Median working days", None, Decimal("1.5")),
        ("Mean working days", None, Decimal("1.5")),
    ]
    assert values("support_requests", scope=Scope(party_id=provider.pk))[0][2] == 1


def test_support_hours_per_area_from_the_time_bank_and_mentor_meetings(db):
    enterprise = OrganisationFactory()
    offer = OfferFactory(area_id="advice")
    account = account_with(enterprise, offer, "20", year=2025)
    request = SupportRequestFactory(area_id="advice", requester_organisation=enterprise)
    TimeBankEntry.objects.create(
        account=account,
        kind=TimeBankEntry.Kind.DELIVERY,
        hours=Decimal("-3.5"),
        balance_after=Decimal("16.5"),
        request=request,
        created_at=moment(D(2025, 5, 5)),
    )
    mentor = MentorFactory()
    match = MentorMatch.objects.create(
        mentor=mentor,
        request=SupportRequestFactory(area_id="procurement"),
        created_by=UserFactory(),
    )
    MentorMeeting.objects.create(
        match=match, held_on=D(2025, 6, 1), hours=Decimal("2"), logged_by=UserFactory()
    )
    MentorMeeting.objects.create(
        match=match, held_on=D(2024, 6, 1), hours=Decimal("1"), logged_by=UserFactory()
    )
    assert by_label("support_hours") == {
        "Advice": (Decimal(0), Decimal("3.5")),
        "Procurement and tendering": (Decimal(1), Decimal(2)),
    }


def test_satisfaction_is_the_mean_rating_of_resolved_requests(db):
    for rating in (3, 4, 5):
        SupportRequestFactory(
            resolved_at=moment(D(2025, 5, 5)), rating=rating, status=SupportRequest.Status.CLOSED
        )
    SupportRequestFactory(resolved_at=moment(D(2025, 5, 5)))
    rows = values("satisfaction")
    assert rows[0][1:] == (None, Decimal("4.00"))
    assert rows[1][1:] == (None, None)


def test_events_participants_by_organisation_kind_and_turnout(db):
    enterprise = OrganisationFactory(kind="social_enterprise")
    held = EventFactory(starts_at=moment(D(2025, 5, 5), 9), ends_at=moment(D(2025, 5, 5), 12))
    EventFactory(
        starts_at=moment(D(2025, 5, 6), 9),
        ends_at=moment(D(2025, 5, 6), 12),
        municipality_id="2581",
    )
    RegistrationFactory(event=held, organisation=enterprise, attended=True)
    RegistrationFactory(event=held, organisation=enterprise, attended=True)
    RegistrationFactory(event=held, attended=True)
    RegistrationFactory(event=held, attended=False)
    RegistrationFactory(event=held, attended=True, status="cancelled")
    assert values("events") == [("Events held", 0, 2)]
    assert values("events", scope=Scope(municipality_id="2581"))[0][2] == 1
    participants = by_label("event_participants")
    assert participants["Social enterprise"][1] == 2
    assert participants["No organisation given"][1] == 1
    # 3 came of 4 marked.
    assert values("event_turnout")[0][2] == Decimal("75.0")


def test_needs_compare_the_latest_inventory_with_the_one_before(db):
    need = {"most-urgent-area": "advice", "would-pay": "no"}
    earlier = needs_round("2024")
    answer(earlier, {"need-per-area": {"procurement": 2}, **need})
    later = needs_round("2025")
    for value in (4, 5):
        answer(later, {"need-per-area": {"procurement": value}, **need})
    # Closed in the past, as rounds are once answered.
    type(earlier).objects.filter(pk=earlier.pk).update(closes_at=moment(D(2024, 10, 1)))
    type(later).objects.filter(pk=later.pk).update(closes_at=moment(D(2025, 10, 1)))
    rows = INDICATORS["needs"].compute_many([Period.year_of(2024), Y2025], REGION)
    assert len(rows) == 1
    assert rows[0].values == [Decimal("2.00"), Decimal("4.50")]
    assert rows[0].bases == [1, 2]


def test_budget_against_outcome_for_the_region_and_a_responsible_party(db):
    responsible = party("2580")
    plan = PlanFactory(year=2025)
    PlanItemFactory(
        plan=plan, area_id="advice", budget=Decimal("100000.00"), responsible_party=responsible
    )
    PlanItemFactory(plan=plan, area_id="procurement", budget=Decimal("50000.00"))
    ExpenditureFactory(
        plan=plan, area_id="advice", net_amount=Decimal("20000.00"), spent_on=D(2025, 3, 1)
    )
    ExpenditureFactory(
        plan=plan, area_id="procurement", net_amount=Decimal("8000.00"), spent_on=D(2025, 9, 1)
    )
    assert values("budget_outcome") == [
        ("Budget of the year's plan", None, Decimal("150000.00")),
        ("Spent in the period", Decimal(0), Decimal("35000.00")),
    ]
    assert values("budget_used")[0][2] == Decimal("23.3")
    assert values("budget_outcome", scope=Scope(party_id=responsible.pk))[1][2] == Decimal(
        "25000.00"
    )
    quarter = Period.parse("2025-K1")
    assert values("budget_used", period=quarter)[0][2] == Decimal("16.7")
