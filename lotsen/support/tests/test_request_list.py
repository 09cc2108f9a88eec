"""The list of support requests: search, filters, sorting and export, scoped like the list."""

import io

import pytest
from openpyxl import load_workbook

from lotsen.audit.models import AuditEvent

from .factories import SupportRequestFactory

URL = "/stod/arenden/"


def csv_lines(response) -> list[str]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return text.removeprefix("\ufeff").splitlines()


def test_the_coordinator_searches_filters_and_sorts_requests(client, coordinator):
    first = SupportRequestFactory(subject="Anbud på städning")
    SupportRequestFactory(subject="Bokföring", status="triaged")
    client.force_login(coordinator)
    assert list(client.get(URL, {"q": "städning"}).context["page"]) == [first]
    assert list(client.get(URL, {"q": "bokföring", "status": "new"}).context["page"]) == []
    subjects = [item.subject for item in client.get(URL, {"sort": "-due"}).context["page"]]
    assert sorted(subjects) == ["Anbud på städning", "Bokföring"]


@pytest.mark.parametrize("params", [{"sort": "description"}, {"status": "lost"}, {"format": "x"}])
def test_a_bad_parameter_gets_a_clear_message_not_an_error(client, coordinator, params):
    client.force_login(coordinator)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "error-summary" in response.text


def test_the_provider_exports_only_the_requests_assigned_to_them(
    client, provider, assigned_request
):
    SupportRequestFactory(subject="Någon annans ärende")
    client.force_login(provider)
    lines = csv_lines(client.get(URL, {"format": "csv"}))
    assert lines[0].startswith("Ärende;Ämne;")
    assert len(lines) == 2 and lines[1].startswith(assigned_request.reference)
    event = AuditEvent.objects.get(action="export")
    assert event.actor == provider and event.object_type == "support.supportrequest"


def test_a_subject_written_as_a_formula_is_exported_as_text(client, coordinator):
    SupportRequestFactory(subject="=2+5+cmd|' /C calc'!A0")
    client.force_login(coordinator)
    sheet = load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content)).active
    assert sheet["B2"].value == "'=2+5+cmd|' /C calc'!A0"
    assert csv_lines(client.get(URL, {"format": "csv"}))[1].split(";")[1].startswith("'=")


def test_an_outsider_can_neither_list_nor_export(client, outsider):
    SupportRequestFactory()
    client.force_login(outsider)
    assert client.get(URL, {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_query_count_does_not_grow_with_the_data(
    client, coordinator, assert_constant_queries, export_format
):
    client.force_login(coordinator)
    assert_constant_queries(
        f"{URL}?format={export_format}&q=anbud&sort=area",
        lambda n: SupportRequestFactory.create_batch(n),
    )
