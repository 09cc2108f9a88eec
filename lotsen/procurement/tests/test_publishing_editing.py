"""A buyer writes an opportunity: Swedish amounts, CPV codes, dates, limits, reservations."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from lotsen.procurement.models import Lot, Opportunity
from lotsen.procurement.policies import buyer_organisations

from .factories import LotFactory, OpportunityFactory

TODAY = timezone.localdate()


def day(offset: int) -> str:
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def lots(**rows) -> dict:
    """An empty lot formset, or the rows given as {"0-title": ...}."""
    return {
        "lots-TOTAL_FORMS": str(max(1, len({key.split("-")[0] for key in rows}))),
        "lots-INITIAL_FORMS": "0",
        **{f"lots-{key}": value for key, value in rows.items()},
    }


def form_data(buyer_user, **overrides) -> dict:
    return {
        "buyer": buyer_organisations(buyer_user).get().pk,
        "kind": "open",
        "title": "Lokalvård i Gammelstad",
        "description": "Städning av tre förskolor.",
        "contract_nature": "services",
        "main_cpv": "90911200",
        "additional_cpv": "",
        "municipalities": ["2580"],
        "estimated_value": "1 200 000",
        "questions_until": day(10),
        "tenders_due": f"{day(20)}T12:00",
        "contract_start": day(60),
        "contract_end": day(425),
        "notice_url": "",
        "strategic_procurement": ["soc-obj"],
        "social_objectives": ["opp"],
        "reserved_participation": "none",
        **lots(),
        **overrides,
    }


@pytest.fixture
def signed_in_buyer(client, buyer):
    client.force_login(buyer)
    return buyer


def create(client, buyer_user, **overrides):
    return client.post("/upphandling/ny/", form_data(buyer_user, **overrides))


def test_a_buyer_creates_a_draft_with_a_swedish_amount(client, signed_in_buyer):
    response = create(client, signed_in_buyer, estimated_value="1 200 000,50 kr")
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == opportunity.get_absolute_url()
    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.estimated_value == Decimal("1200001")
    assert opportunity.created_by == signed_in_buyer
    assert list(opportunity.municipalities.values_list("code", flat=True)) == ["2580"]
    assert opportunity.social_objectives == ["opp"]


def test_cpv_codes_are_read_with_or_without_the_check_digit(client, signed_in_buyer):
    create(client, signed_in_buyer, main_cpv="90911200-8", additional_cpv="90919200-4, 85312000")
    opportunity = Opportunity.objects.get()
    assert opportunity.main_cpv_id == "90911200"
    assert sorted(opportunity.additional_cpv.values_list("code", flat=True)) == [
        "85312000",
        "90919200",
    ]


def test_an_unknown_cpv_code_is_named_and_nothing_is_saved(client, signed_in_buyer):
    response = create(client, signed_in_buyer, additional_cpv="90919200 12345678")
    assert response.status_code == 200
    assert "Okänd CPV-kod: 12345678" in response.text
    assert not Opportunity.objects.exists()


def test_dates_out_of_order_are_refused(client, signed_in_buyer):
    response = create(client, signed_in_buyer, contract_start=day(60), contract_end=day(30))
    assert response.status_code == 200
    assert response.context["form"].errors["contract_end"]
    assert not Opportunity.objects.exists()


def test_tenders_due_in_the_past_are_refused(client, signed_in_buyer):
    response = create(
        client, signed_in_buyer, questions_until=day(-5), tenders_due=f"{day(-1)}T12:00"
    )
    assert response.status_code == 200
    assert "Anbud kan inte ha sista dag i det förflutna." in response.text
    assert not Opportunity.objects.exists()


def test_a_direct_award_above_the_limit_is_refused(client, signed_in_buyer):
    response = create(client, signed_in_buyer, kind="direct_award", estimated_value="750 000")
    assert response.status_code == 200
    assert "högst 700\xa0000 kr" in response.text
    assert not Opportunity.objects.exists()
    create(client, signed_in_buyer, kind="direct_award", estimated_value="650 000")
    assert Opportunity.objects.get().kind == "direct_award"


def test_the_form_shows_the_direct_award_limit_in_force(client, signed_in_buyer):
    page = client.get("/upphandling/ny/")
    assert "Direktupphandlingsgränsen är 700\xa0000 kr (LOU)." in page.text


@pytest.mark.parametrize(
    ("kind", "reservation"), [("reserved", "res-ws"), ("reserved_services", "res-pub-ser")]
)
def test_a_reserved_kind_carries_its_reservation(client, signed_in_buyer, kind, reservation):
    create(client, signed_in_buyer, kind=kind)
    assert Opportunity.objects.get().reserved_participation == reservation


def test_a_reserved_kind_refuses_another_reservation(client, signed_in_buyer):
    response = create(
        client, signed_in_buyer, kind="reserved", reserved_participation="res-pub-ser"
    )
    assert response.context["form"].errors["reserved_participation"]
    assert not Opportunity.objects.exists()


def test_lots_are_added_and_edited_inline(client, signed_in_buyer):
    create(client, signed_in_buyer, **lots(**{"0-number": "1", "0-title": "Förskolor"}))
    opportunity = Opportunity.objects.get()
    lot = opportunity.lots.get()
    data = form_data(
        signed_in_buyer,
        **{
            "lots-TOTAL_FORMS": "2",
            "lots-INITIAL_FORMS": "1",
            "lots-0-id": lot.pk,
            "lots-0-number": "1",
            "lots-0-title": "Förskolor i Gammelstad",
            "lots-0-estimated_value": "300 000",
            "lots-1-number": "2",
            "lots-1-title": "Skolor",
        },
    )
    response = client.post(f"/upphandling/{opportunity.slug}/andra/", data)
    assert response.status_code == 302
    assert list(opportunity.lots.values_list("title", "estimated_value")) == [
        ("Förskolor i Gammelstad", Decimal("300000")),
        ("Skolor", None),
    ]


def test_another_buyer_cannot_edit(client, make_persona):
    opportunity = OpportunityFactory(draft=True)
    LotFactory(opportunity=opportunity)
    client.force_login(make_persona("buyer"))
    assert client.get(f"/upphandling/{opportunity.slug}/andra/").status_code == 404
    published = OpportunityFactory()
    assert client.get(f"/upphandling/{published.slug}/andra/").status_code == 403
    assert Lot.objects.count() == 1


def test_the_coordinator_edits_any_buyers_opportunity(client, coordinator):
    opportunity = OpportunityFactory(draft=True)
    client.force_login(coordinator)
    assert client.get(f"/upphandling/{opportunity.slug}/andra/").status_code == 200


def test_others_cannot_create(client, enterprise_user):
    client.force_login(enterprise_user)
    assert client.get("/upphandling/ny/").status_code == 403


def test_a_published_opportunity_past_its_deadline_can_still_be_corrected(client, buyer):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    passed = timezone.now() - datetime.timedelta(days=1)
    Opportunity.objects.filter(pk=opportunity.pk).update(questions_until=None, tenders_due=passed)
    client.force_login(buyer)
    page = client.get(f"/upphandling/{opportunity.slug}/andra/")
    shown = re.search(r'name="tenders_due" value="([^"]+)"', page.text).group(1)
    data = form_data(
        buyer, title="Lokalvård i förskolor, rättad", questions_until="", tenders_due=shown
    )
    response = client.post(f"/upphandling/{opportunity.slug}/andra/", data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Lokalvård i förskolor, rättad"
