"""The method page: the result, the formulas, small cells, empty and future years."""

import datetime
from decimal import Decimal

import pytest

from lotsen.funding.tests.factories import ExpenditureFactory, PlanFactory
from lotsen.impact.indicators import Scope
from lotsen.socioeconomics.estimate import estimate_for_year

from .factories import exit_with, exits

pytestmark = pytest.mark.django_db

URL = "/effekt/socioekonomi/"
NOTE = ".. = uppgiften döljs för att en liten grupp inte ska kunna räknas fram"
THIS_YEAR = datetime.date.today().year


@pytest.fixture
def five_into_work(coordinator, caseworker):
    return exits("work_unsubsidised", 5, coordinator=coordinator, caseworker=caseworker)


def test_the_coordinator_sees_the_result_per_actor_and_every_formula(
    client, coordinator, five_into_work
):
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "Arbetsförmedlingen" in page and "Försäkringskassan" in page
    estimate = estimate_for_year(THIS_YEAR)
    central = next(a for a in estimate.actors if a.actor == "municipality").values["central"]
    assert f"{central:,.0f}".replace(",", "\u00a0") + "\u00a0kr" in page
    assert page.count("<details>") == len(estimate.rows)
    # the formula names the parameter and its value
    assert "(80\u00a0000\u00a0kr)" in page


def test_the_steering_group_sees_the_estimate_when_every_count_is_five_or_more(
    client, steering, five_into_work
):
    client.force_login(steering)
    page = client.get(URL).content.decode()
    assert "<details>" in page
    # "<5" only in the note that explains the mark, in no cell.
    assert page.count("&lt;5") == page.count("visas som &lt;5") == 1


def test_a_count_of_one_to_four_withholds_the_estimate_from_the_steering_group(
    client, steering, coordinator, caseworker, five_into_work
):
    exits("studies", 2, coordinator=coordinator, caseworker=caseworker)
    client.force_login(steering)
    page = client.get(URL).content.decode()
    # The 2 into studies are few; the 5 into work are hidden only to protect them.
    assert page.count('<td class="num">&lt;5</td>') == 1
    assert page.count('<td class="num">..</td>') == 1
    assert NOTE in page
    assert "<details>" not in page
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "&lt;5" not in page and "<details>" in page
    assert NOTE not in page


def test_a_year_without_exits_says_so(client, coordinator):
    client.force_login(coordinator)
    response = client.get(f"{URL}?ar=2024")
    assert response.status_code == 200
    assert "empty-state" in response.content.decode()
    assert "<details>" not in response.content.decode()


def test_a_future_year_gets_a_clear_message_not_an_estimate(client, coordinator):
    client.force_login(coordinator)
    response = client.get(f"{URL}?ar={THIS_YEAR + 1}")
    assert response.status_code == 200
    assert "empty-state" in response.content.decode()
    with pytest.raises(ValueError):
        estimate_for_year(THIS_YEAR + 1)


@pytest.mark.parametrize("bad", ["tjugo", "1999", "-2025"])
def test_a_bad_year_is_explained_never_a_server_error(client, coordinator, bad):
    client.force_login(coordinator)
    response = client.get(f"{URL}?ar={bad}")
    assert response.status_code == 200
    assert "error-message" in response.content.decode()


def test_a_number_no_database_can_hold_is_refused_at_the_door(client, coordinator):
    client.force_login(coordinator)
    response = client.get(f"{URL}?ar=99999999999999999999")
    assert response.status_code == 400
    assert "ett värde som var för långt" in response.content.decode()


def test_the_cost_is_the_years_outcome_once_anything_is_booked(client, coordinator, five_into_work):
    plan = PlanFactory(year=THIS_YEAR, coordinator_cost=Decimal("400000"))
    assert estimate_for_year(THIS_YEAR).cost_basis == "budget"
    assert estimate_for_year(THIS_YEAR).cost == Decimal("400000")
    ExpenditureFactory(
        plan=plan,
        spent_on=datetime.date(THIS_YEAR, 1, 15),
        net_amount=Decimal("80000"),
        vat_rate=25,
        vat=Decimal("20000"),
        gross_amount=Decimal("100000"),
    )
    estimate = estimate_for_year(THIS_YEAR)
    assert (estimate.cost, estimate.cost_basis) == (Decimal("100000.00"), "outcome")
    assert estimate.ratio["central"] == (estimate.public_total["central"] / 100000).quantize(
        Decimal("0.01")
    )


def test_without_a_plan_the_cost_is_unknown_and_there_is_no_ratio(five_into_work):
    estimate = estimate_for_year(THIS_YEAR)
    assert estimate.cost is None and estimate.cost_basis == "none"
    assert estimate.ratio == {"low": None, "central": None, "high": None}


def test_people_are_counted_once_per_group_and_only_in_the_year(coordinator, caseworker):
    first = exit_with("work_subsidised", coordinator=coordinator, caseworker=caseworker)
    # the same person leaves a second placement for work the same year
    second = exit_with("work_unsubsidised", coordinator=coordinator, caseworker=caseworker)
    second.referral, second.participant = first.referral, first.participant
    second.save(update_fields=["referral", "participant"])
    exit_with(
        "studies",
        coordinator=coordinator,
        caseworker=caseworker,
        ended_on=datetime.date(THIS_YEAR - 1, 12, 31),
    )
    exit_with("drop_out", coordinator=coordinator, caseworker=caseworker)
    counts = estimate_for_year(THIS_YEAR).counts
    assert counts == {"work": 1, "studies": 0, "job_seeking": 0, "other": 1}


def test_the_method_page_needs_the_same_queries_for_more_people(
    client, coordinator, caseworker, assert_constant_queries
):
    def add_rows(n):
        exits("work_at_enterprise", n, coordinator=coordinator, caseworker=caseworker)
        exits("studies", n, coordinator=coordinator, caseworker=caseworker)

    client.force_login(coordinator)
    assert_constant_queries(URL, add_rows, more=6)


def test_an_estimate_for_one_municipality_counts_its_people_and_has_no_cost_of_its_own(
    five_into_work,
):
    PlanFactory(year=THIS_YEAR, coordinator_cost=Decimal("400000"))
    lulea = estimate_for_year(THIS_YEAR, Scope(municipality_id="2580"))
    assert lulea.counts["work"] == 5
    assert (lulea.cost, lulea.cost_basis, lulea.ratio["central"]) == (None, "scope", None)
    elsewhere = estimate_for_year(THIS_YEAR, Scope(municipality_id="2581"))
    assert elsewhere.is_empty
