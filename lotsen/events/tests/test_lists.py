"""The organiser's events and an event's registrations: search, sorting and export."""

import io

import pytest
from openpyxl import load_workbook

from lotsen.audit.models import AuditEvent
from lotsen.events.models import Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory

MANAGE = "/evenemang/hantera/"
NOT_ORGANISING = ["caseworker", "enterprise", "steering", "admin", "outsider"]


@pytest.fixture
def own_event(provider):
    return EventFactory(
        title="Handledning i Piteå", organisers=[provider.memberships.get().organisation]
    )


@pytest.fixture
def other_event():
    return EventFactory(title="Handledning i Kalix")


def test_the_organiser_searches_and_sorts_only_their_own_events(
    client, provider, own_event, other_event
):
    client.force_login(provider)
    assert list(client.get(MANAGE, {"q": "handledning"}).context["page"]) == [own_event]
    assert list(client.get(MANAGE, {"q": "kalix"}).context["page"]) == []
    response = client.get(MANAGE, {"sort": "-registered", "period": "coming"})
    assert list(response.context["page"]) == [own_event]


def test_the_coordinator_exports_every_event_with_its_counts(client, coordinator, own_event):
    RegistrationFactory.create_batch(3, event=own_event)
    client.force_login(coordinator)
    response = client.get(MANAGE, {"q": "piteå", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Handledning i Piteå"
    assert sheet.cell(row=2, column=6).value == 3
    assert AuditEvent.objects.filter(action="export", object_type="events.event").exists()


@pytest.mark.parametrize("params", [{"kind": "party"}, {"sort": "slug"}, {"period": "soon"}])
def test_a_bad_parameter_gets_a_clear_message(client, provider, own_event, params):
    client.force_login(provider)
    response = client.get(MANAGE, params)
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("persona", NOT_ORGANISING)
def test_who_does_not_organise_cannot_list_or_export_events(
    client, persona, caseworker, enterprise_user, steering, admin_user, outsider, own_event
):
    users = {
        "caseworker": caseworker,
        "enterprise": enterprise_user,
        "steering": steering,
        "admin": admin_user,
        "outsider": outsider,
    }
    client.force_login(users[persona])
    assert client.get(MANAGE, {"format": "csv"}).status_code == 403
    url = f"/evenemang/{own_event.slug}/deltagare/"
    assert client.get(url, {"format": "csv"}).status_code in (403, 404)


def test_the_registrations_are_searched_and_exported_as_csv_for_excel(client, provider, own_event):
    RegistrationFactory(event=own_event, name="Åsa Lind", needs='=HYPERLINK("x")')
    RegistrationFactory(event=own_event, name="Bo Ek")
    RegistrationFactory(event=own_event, name="Cecilia Ek", status=Registration.Status.WAITING)
    url = f"/evenemang/{own_event.slug}/deltagare/"
    client.force_login(provider)
    response = client.get(url, {"q": "ek", "sort": "name"})
    assert [row.name for row in response.context["confirmed"]] == ["Bo Ek"]
    assert "Rensa sökningen" in response.text  # attendance is marked from the whole list
    text = client.get(url, {"format": "csv", "sort": "name"}).content.decode("utf-8")
    header, *lines = text.removeprefix("\ufeff").splitlines()
    assert text.startswith("\ufeff") and header.startswith("Namn;E-post;")
    assert len(lines) == 3
    (asa,) = [line for line in lines if line.startswith("Åsa Lind;")]
    assert ';"\'=HYPERLINK(""x"")";' in asa
    assert AuditEvent.objects.filter(action="export", object_type="events.registration").exists()


def test_another_organisers_registrations_cannot_be_exported(client, provider, other_event):
    RegistrationFactory(event=other_event)
    client.force_login(provider)
    response = client.get(f"/evenemang/{other_event.slug}/deltagare/", {"format": "csv"})
    assert response.status_code == 404


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_exports_query_counts_do_not_grow_with_the_data(
    client, coordinator, own_event, assert_constant_queries, export_format
):
    def add(n):
        for _ in range(n):
            RegistrationFactory(event=own_event)
            EventFactory()

    client.force_login(coordinator)
    assert_constant_queries(f"{MANAGE}?format={export_format}", add, more=5)
    url = f"/evenemang/{own_event.slug}/deltagare/?format={export_format}&sort=-registered"
    assert_constant_queries(url, add, more=5)
