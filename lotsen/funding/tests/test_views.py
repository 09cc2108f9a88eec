import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from lotsen.funding import delivery
from lotsen.funding.models import (
    Contribution,
    Expenditure,
    Plan,
    PlanItem,
    PlanRevision,
    Scenario,
)

from .factories import (
    ContributionFactory,
    ExpenditureFactory,
    PartyFactory,
    PlanFactory,
    PlanItemFactory,
)

pytestmark = pytest.mark.django_db

EXPENDITURE = {
    "area": "advice",
    "supplier": "Almi Företagspartner Nord",
    "spent_on": "2026-04-01",
    "description": "Rådgivning",
    "net_amount": "10 000,50",
    "vat_rate": "25",
}


def test_the_draft_form_is_filled_from_the_needs_ranking(client, coordinator, register):
    register.ranking(
        ["asf-school", "coordination", "no-longer-offered", "supervisor-training", "advice"]
    )
    client.force_login(coordinator)
    response = client.get("/finansiering/plan/ny/?ar=2027")
    assert "behovsinventeringens rangordning" in response.text
    form = response.context["form"]
    assert form["priority_asf-school"].initial == 1
    assert form["priority_supervisor-training"].initial == 2
    assert form["priority_advice"].initial == 3
    assert form["priority_board"].initial is None


def test_without_a_ranking_the_coordinator_numbers_the_areas(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/finansiering/plan/ny/?ar=2027")
    assert "Ingen rangordning" in response.text
    response = client.post(
        "/finansiering/plan/ny/",
        {
            "year": "2027",
            "model": "combined",
            "pot_budget": "1 200 000",
            "coordinator_cost": "450000,00",
            "priority_board": "2",
            "priority_advice": "1",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(year=2027)
    assert plan.pot_budget == Decimal("1200000.00")
    assert [item.area_id for item in plan.items.all()] == ["advice", "board"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pot_budget": "-5"}, "Beloppet kan inte vara negativt."),
        ({"pot_budget": "tio tusen"}, "Skriv ett belopp i kronor"),
        ({"pot_budget": "100,123"}, "högst två decimaler"),
        ({"priority_board": "1"}, "Ge varje stödområde ett eget prioritetsnummer."),
        ({"priority_advice": "", "priority_board": ""}, "Prioritera minst ett stödområde."),
        ({"year": "2026"}, "Det finns redan en plan för 2026."),
    ],
)
def test_a_bad_draft_changes_nothing(client, coordinator, changes, message):
    PlanFactory(year=2026)
    client.force_login(coordinator)
    data = {
        "year": "2027",
        "model": "financing",
        "pot_budget": "100000",
        "coordinator_cost": "0",
        "priority_advice": "1",
        **changes,
    }
    response = client.post("/finansiering/plan/ny/", data)
    assert response.status_code == 200
    assert message in response.text
    assert Plan.objects.count() == 1


def test_the_steering_group_adopts_through_the_page(client, steering):
    plan = PlanItemFactory(budget=Decimal("800000.00")).plan  # 800 000 + 300 000 > 1 000 000
    client.force_login(steering)
    page = client.get("/finansiering/plan/2026/")
    assert "överstiger potten" in page.text
    response = client.post(
        "/finansiering/plan/2026/faststall/", {"adopted_on": "2026-12-10"}, follow=True
    )
    assert "ange ett skäl" in response.text
    plan.refresh_from_db()
    assert plan.is_draft
    client.post(
        "/finansiering/plan/2026/faststall/",
        {"adopted_on": "2026-12-10", "reason": "Överskott från 2025"},
    )
    plan.refresh_from_db()
    assert plan.is_adopted and plan.adopted_on == datetime.date(2026, 12, 10)


def test_editing_an_adopted_plan_without_a_reason_changes_nothing(client, coordinator, steering):
    item = PlanItemFactory(budget=Decimal("100000.00"))
    plan = item.plan
    plan.status = Plan.Status.ADOPTED
    plan.save()
    client.force_login(coordinator)
    url = f"/finansiering/plan/2026/omrade/{item.pk}/"
    data = {"priority": "1", "area": "advice", "goal": "Mer", "budget": "200000", "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ange ett skäl för revideringen" in response.text
    item.refresh_from_db()
    assert item.budget == Decimal("100000.00")
    assert not PlanRevision.objects.exists()

    response = client.post(url, {**data, "reason": "Styrgruppens beslut 3 mars"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.budget == Decimal("200000.00")
    assert PlanRevision.objects.get().reason == "Styrgruppens beslut 3 mars"
    assert "Styrgruppens beslut 3 mars" in client.get("/finansiering/plan/2026/").text


@pytest.mark.parametrize("status", [Plan.Status.DRAFT, Plan.Status.ADOPTED])
def test_a_reason_for_the_revision_is_asked_only_where_it_is_kept(client, coordinator, status):
    item = PlanItemFactory()
    Plan.objects.filter(pk=item.plan.pk).update(status=status)
    client.force_login(coordinator)
    plan_url = f"/finansiering/plan/{item.plan.year}/"
    for url in (f"{plan_url}omrade/{item.pk}/", f"{plan_url}andra/"):
        page = client.get(url).text
        assert ('name="reason"' in page) == (status == Plan.Status.ADOPTED), url


def test_a_plan_item_needs_a_budget_or_hours(client, coordinator):
    PlanFactory()
    client.force_login(coordinator)
    response = client.post(
        "/finansiering/plan/2026/omrade/nytt/", {"priority": "1", "area": "advice", "goal": "x"}
    )
    assert response.status_code == 200
    assert "Ange en budget, utlovade timmar eller båda." in response.text
    assert not PlanItem.objects.exists()


def test_booking_an_expenditure_computes_the_vat(client, coordinator):
    plan = PlanFactory()
    client.force_login(coordinator)
    response = client.post("/finansiering/utgifter/ny/", {**EXPENDITURE, "plan": plan.pk})
    assert response.status_code == 302
    expenditure = Expenditure.objects.get()
    assert (expenditure.net_amount, expenditure.vat, expenditure.gross_amount) == (
        Decimal("10000.50"),
        Decimal("2500.13"),  # 2 500.125 rounds half up
        Decimal("12500.63"),
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"net_amount": "-100"}, "Beloppet kan inte vara negativt."),
        ({"net_amount": "12,345"}, "högst två decimaler"),
        ({"net_amount": "abc"}, "Skriv ett belopp i kronor"),
        ({"spent_on": "2025-12-31"}, "Datumet måste ligga i planens år 2026."),
        ({"supplier": ""}, "Detta fält måste fyllas i."),
    ],
)
def test_a_bad_expenditure_changes_nothing(client, coordinator, changes, message):
    plan = PlanFactory()
    client.force_login(coordinator)
    response = client.post(
        "/finansiering/utgifter/ny/", {**EXPENDITURE, "plan": plan.pk, **changes}
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Expenditure.objects.exists()


def test_an_expenditure_in_a_closed_year_is_refused(client, coordinator):
    plan = PlanFactory(status=Plan.Status.CLOSED)
    client.force_login(coordinator)
    response = client.post("/finansiering/utgifter/ny/", {**EXPENDITURE, "plan": plan.pk})
    assert response.status_code == 200
    assert "Det året är stängt eller saknar plan." in response.text
    assert not Expenditure.objects.exists()


def test_a_contribution_with_hours_needs_an_hourly_value(client, coordinator):
    party = PartyFactory()
    client.force_login(coordinator)
    data = {"party": party.pk, "year": "2026", "amount": "", "hours": "10", "hourly_value": ""}
    response = client.post("/finansiering/bidrag/nytt/", data)
    assert response.status_code == 200
    assert "Ange värdet av en timme i natura." in response.text
    response = client.post("/finansiering/bidrag/nytt/", {**data, "amount": "", "hours": ""})
    assert "Ange pengar, timmar i natura eller båda." in response.text
    assert not Contribution.objects.exists()
    response = client.post("/finansiering/bidrag/nytt/", {**data, "hourly_value": "650"})
    assert response.status_code == 302
    assert Contribution.objects.get().in_kind_value == Decimal("6500.00")


def test_a_scenario_is_compared_and_saved_with_a_name(client, coordinator, steering):
    client.force_login(coordinator)
    data = {
        "bought_hourly_rate": "1100",
        "own_hourly_value": "650",
        "coordinator_hourly_cost": "600",
        "coordinator_base_hours": "400",
        "coordination_per_bought_hour": "0,20",
        "coordination_per_own_hour": "0,05",
        "mix_bought_percent": "30",
        "hours_advice": "600",
        "hours_asf-school": "400",
    }
    response = client.post("/finansiering/scenarier/nytt/", data)
    assert response.status_code == 200
    assert "360\xa0000,00\xa0kr" in response.text  # the financing model's coordinator
    assert not Scenario.objects.exists()
    response = client.post("/finansiering/scenarier/nytt/", {**data, "name": "Hälften köpt"})
    scenario = Scenario.objects.get()
    assert response.url == f"/finansiering/scenarier/{scenario.pk}/"
    client.force_login(steering)
    assert "297\xa0000,00\xa0kr" in client.get(response.url).text  # the mix's coordinator
    client.force_login(coordinator)
    response = client.post("/finansiering/scenarier/nytt/", {**data, "name": "Hälften köpt"})
    assert "Ett scenario med det namnet finns redan." in response.text
    response = client.post(
        "/finansiering/scenarier/nytt/", {**data, "hours_advice": "", "hours_asf-school": ""}
    )
    assert "Ange timmarna för minst ett stödområde." in response.text


def test_the_year_is_exported_as_a_workbook_with_exact_amounts(client, steering):
    plan = PlanItemFactory().plan
    ContributionFactory(amount=Decimal("123456.78"))
    ExpenditureFactory(plan=plan, net_amount=Decimal("10.02"))
    client.force_login(steering)
    response = client.get("/finansiering/plan/2026/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["Plan", "Bidrag", "Utgifter", "Uppföljning", "Parter"]
    assert (
        workbook["Bidrag"]["C2"].value == Decimal("123456.78")
        or workbook["Bidrag"]["C2"].value == 123456.78
    )
    expenditures = workbook["Utgifter"]
    assert [expenditures.cell(row=2, column=c).value for c in (5, 7, 8)] == [10.02, 2.51, 12.53]


def test_a_goal_written_as_a_formula_is_exported_as_text(client, steering):
    item = PlanItemFactory(goal='=HYPERLINK("https://example.test")')
    client.force_login(steering)
    response = client.get(f"/finansiering/plan/{item.plan.year}/export.xlsx")
    goal = load_workbook(BytesIO(response.content))["Plan"]["C2"]
    assert goal.value == "'" + item.goal and goal.data_type == "s"


def test_the_steering_group_gets_a_pdf_summary(client, steering):
    PlanItemFactory()
    client.force_login(steering)
    response = client.get("/finansiering/plan/2026/uppfoljning.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_follow_up_says_when_there_is_no_data_yet(client, steering, monkeypatch):
    # As it would read were the placements app not installed.
    monkeypatch.setitem(delivery._volumes, delivery.PLACEMENTS_STARTED, [])
    PlanItemFactory()
    client.force_login(steering)
    response = client.get("/finansiering/plan/2026/uppfoljning/")
    assert "Inga uppgifter ännu" in response.text


def test_list_pages_need_the_same_queries_whatever_the_number_of_rows(
    client, coordinator, assert_constant_queries
):
    plan = PlanItemFactory().plan
    client.force_login(coordinator)
    assert_constant_queries(
        "/finansiering/utgifter/", lambda n: ExpenditureFactory.create_batch(n, plan=plan)
    )
    assert_constant_queries("/finansiering/bidrag/", lambda n: ContributionFactory.create_batch(n))


@pytest.mark.parametrize(
    "url",
    [
        "/finansiering/plan/2026/uppfoljning/",
        "/finansiering/plan/2026/export.xlsx",
        "/finansiering/plan/2026/",
    ],
)
def test_follow_up_pages_need_the_same_queries_whatever_the_expenditures(
    client, steering, assert_constant_queries, register, url
):
    plan = PlanItemFactory().plan
    register.hours({2026: [(PartyFactory().pk, "advice", 3)]})
    client.force_login(steering)

    def add(n):
        ExpenditureFactory.create_batch(n, plan=plan)
        ContributionFactory.create_batch(n)

    assert_constant_queries(url, add)


def test_an_area_already_in_the_plan_cannot_be_added_twice(client, coordinator):
    item = PlanItemFactory()
    client.force_login(coordinator)
    response = client.post(
        "/finansiering/plan/2026/omrade/nytt/",
        {"priority": "2", "area": "advice", "goal": "Igen", "budget": "5000"},
    )
    assert response.status_code == 200
    assert "Stödområdet finns redan i planen." in response.text
    assert list(PlanItem.objects.all()) == [item]
