"""Referrals, placements and work-training places: search, filters, sorting and export."""

import io

import pytest
from openpyxl import load_workbook

from lotsen.accounts.models import Role
from lotsen.audit.models import AuditEvent

from .factories import OpeningFactory, enterprise_of, propose, register

LISTS = ["/lotsning/anvisningar/", "/lotsning/placeringar/", "/lotsning/platser/"]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [line.split(";") for line in text.removeprefix("\ufeff").splitlines()]


@pytest.fixture
def world(coordinator, caseworker, enterprise_user, make_persona):
    """One placement with the enterprise, one referral of another party."""
    placed = propose(
        coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
    )
    other_caseworker = make_persona(Role.CASEWORKER)
    elsewhere = propose(coordinator, other_caseworker, OpeningFactory(title="Café Lyktan"))
    return {"placed": placed, "elsewhere": elsewhere, "other_caseworker": other_caseworker}


def test_the_referral_list_searches_filters_and_sorts(client, coordinator, world):
    client.force_login(coordinator)
    code = world["placed"].participant.code
    response = client.get(LISTS[0], {"q": code, "status": "matching", "sort": "-received"})
    assert [referral.participant.code for referral in response.context["page"]] == [code]
    response = client.get(LISTS[0], {"sort": "participant"})
    codes = [referral.participant.code for referral in response.context["page"]]
    assert codes == sorted(codes)


def test_the_placement_list_searches_by_place_and_enterprise(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(LISTS[1], {"q": "lyktan"})
    assert list(response.context["page"]) == [world["elsewhere"]]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "params", [{"sort": "password"}, {"status": "nonsense"}, {"format": "pdf"}, {"q": "x" * 101}]
)
def test_a_bad_parameter_gets_a_clear_message_not_an_error(client, coordinator, world, url, params):
    client.force_login(coordinator)
    response = client.get(url, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "error-summary" in response.content.decode()


@pytest.mark.parametrize("url", LISTS)
def test_the_export_is_the_list_as_the_user_sees_it_and_is_audited(client, caseworker, world, url):
    client.force_login(caseworker)
    page = client.get(url).context["page"]
    response = client.get(url, {"format": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    assert len(rows) - 1 == page.paginator.count
    if url != LISTS[2]:  # open places are not personal data
        text = response.content.decode()
        assert world["placed"].participant.code in text
        assert world["elsewhere"].participant.code not in text
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.actor == caseworker and event.reason == "list export (csv)"


def test_the_export_keeps_the_filters_and_can_be_a_workbook(client, coordinator, world):
    client.force_login(coordinator)
    response = client.get(LISTS[1], {"q": "lyktan", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2
    assert sheet["A2"].value == world["elsewhere"].participant.code


def test_an_enterprise_exports_only_its_own_placements(client, enterprise_user, world):
    client.force_login(enterprise_user)
    rows = csv_rows(client.get(LISTS[1], {"format": "csv"}))
    assert [row[0] for row in rows[1:]] == [world["placed"].participant.code]
    assert client.get(LISTS[0], {"format": "csv"}).status_code == 403


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.STEERING, Role.ADMIN, "outsider"])
@pytest.mark.parametrize("url", LISTS)
def test_roles_without_the_list_cannot_export_it(client, all_personas, world, role, url):
    client.force_login(all_personas[role])
    assert client.get(url, {"format": "xlsx"}).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_query_count_does_not_grow_with_the_data(
    client, coordinator, caseworker, enterprise_user, assert_constant_queries, export_format
):
    def add(n):
        for _ in range(n):
            propose(
                coordinator, caseworker, OpeningFactory(enterprise=enterprise_of(enterprise_user))
            )
            register(caseworker)

    client.force_login(coordinator)
    for url in LISTS:
        assert_constant_queries(f"{url}?format={export_format}&q=a&sort=-status", add, more=3)
