from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from lotsen.events.models import Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.organisations.tests.factories import OrganisationFactory

VISITOR = {
    "name": "Anna Lindberg",
    "email": "anna@example.test",
    "organisation": "",
    "organisation_name": "Eget företag",
    "municipality": "2582",
    "needs": "Vegetarisk kost",
}


def test_a_visitor_registers_and_is_told_so(client, db):
    event = EventFactory()
    response = client.post(event.get_absolute_url(), VISITOR, follow=True)
    assert "Du är anmäld. En bekräftelse har skickats till anna@example.test." in response.text
    registration = event.registrations.get()
    assert registration.user is None
    assert registration.municipality_id == "2582"
    assert registration.needs == "Vegetarisk kost"
    assert len(mail.outbox) == 1


def test_a_visitor_names_an_organisation_from_the_register(client, db):
    organisation = OrganisationFactory(name="Bodens kommun", kind="party", org_number=None)
    event = EventFactory()
    client.post(
        event.get_absolute_url(),
        {**VISITOR, "organisation": organisation.pk, "organisation_name": ""},
    )
    registration = event.registrations.get()
    assert registration.organisation == organisation
    assert registration.organisation_name == ""


def test_a_visitor_chooses_among_the_organisations_of_the_county_served(client, db):
    boden = OrganisationFactory(name="Bodens kommun", kind="party", municipality_id="2582")
    national = OrganisationFactory(name="Försäkringskassan", kind="party", municipality=None)
    elsewhere = OrganisationFactory(
        name="Kooperativet i Malmö", kind="social_enterprise", municipality_id="1280"
    )
    event = EventFactory()

    offered = client.get(event.get_absolute_url()).context["form"].fields["organisation"]

    assert {boden, national} <= set(offered.queryset)
    assert elsewhere not in offered.queryset
    response = client.post(
        event.get_absolute_url(), {**VISITOR, "organisation": elsewhere.pk, "organisation_name": ""}
    )
    assert response.status_code == 200 and not event.registrations.exists()


def test_an_organisation_both_chosen_and_written_is_refused_not_dropped(client, db):
    organisation = OrganisationFactory(name="Bodens kommun", kind="party", org_number=None)
    event = EventFactory()
    response = client.post(event.get_absolute_url(), {**VISITOR, "organisation": organisation.pk})
    assert response.status_code == 200
    assert "Välj din organisation i listan eller skriv den här, inte båda." in response.text
    assert "Eget företag" in response.text
    assert not event.registrations.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "inte-en-adress", "Fyll i en giltig e-postadress."),
        ("email", "", "Detta fält måste fyllas i."),
        ("name", "", "Detta fält måste fyllas i."),
        ("municipality", "9999", "Okänd kommun. Välj en kommun i listan."),
    ],
)
def test_bad_input_re_renders_with_a_swedish_message_and_saves_nothing(
    client, db, field, value, message
):
    event = EventFactory()
    response = client.post(event.get_absolute_url(), {**VISITOR, field: value})
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.text
    assert message in response.text
    assert not event.registrations.exists()
    assert mail.outbox == []


def test_registering_twice_with_the_same_e_mail_is_refused_clearly(client, db):
    event = EventFactory()
    client.post(event.get_absolute_url(), VISITOR)
    response = client.post(event.get_absolute_url(), {**VISITOR, "email": "ANNA@example.test"})
    assert "anna@example.test är redan anmäld till evenemanget." in response.text
    assert event.registrations.count() == 1


def test_a_full_event_without_waiting_list_refuses_a_forged_post(client, db):
    event = EventFactory(capacity=1, has_waiting_list=False)
    RegistrationFactory(event=event)
    page = client.get(event.get_absolute_url()).text
    assert "Evenemanget är fullt." in page
    assert "Anmäl dig</button>" not in page
    response = client.post(event.get_absolute_url(), VISITOR)
    assert "Evenemanget är fullt och har ingen väntelista." in response.text
    assert event.registrations.count() == 1


def test_after_closing_the_page_says_so_and_a_post_is_refused(client, db):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    assert "Anmälan till evenemanget har stängt." in client.get(event.get_absolute_url()).text
    response = client.post(event.get_absolute_url(), VISITOR)
    assert response.status_code == 200
    assert "Anmälan till evenemanget har stängt." in response.text
    assert not event.registrations.exists()


def test_a_full_event_offers_the_waiting_list(client, db):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    assert "Ställ dig på väntelistan" in client.get(event.get_absolute_url()).text
    response = client.post(event.get_absolute_url(), VISITOR, follow=True)
    assert "du står på väntelistan" in response.text
    assert event.registrations.get(email="anna@example.test").status == "waiting"


def test_a_logged_in_user_registers_with_one_click_and_sees_the_place(client, enterprise_user):
    event = EventFactory()
    client.force_login(enterprise_user)
    page = client.get(event.get_absolute_url()).text
    assert 'name="email"' not in page
    organisation = enterprise_user.memberships.get().organisation
    client.post(event.get_absolute_url(), {"organisation": organisation.pk, "needs": ""})
    registration = event.registrations.get()
    assert registration.user == enterprise_user
    assert registration.organisation == organisation
    assert "Du har en plats på det här evenemanget." in client.get(event.get_absolute_url()).text


def test_a_user_cannot_name_an_organisation_that_is_not_theirs(client, enterprise_user):
    event = EventFactory()
    other = OrganisationFactory()
    client.force_login(enterprise_user)
    response = client.post(event.get_absolute_url(), {"organisation": other.pk})
    assert "Välj ett giltigt alternativ" in response.text
    assert not event.registrations.exists()


def test_the_cancel_link_works_without_logging_in(client, db):
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event, email="holder@example.test")
    waiting = RegistrationFactory(event=event, status="waiting", email="waiting@example.test")
    url = holder.cancel_url()
    page = client.get(url)
    assert page.status_code == 200
    assert "Ja, avboka min anmälan" in page.text
    response = client.post(url, follow=True)
    assert "Din anmälan är avbokad." in response.text
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    # A second visit of the link changes nothing and says so.
    assert "Anmälan är avbokad." in client.post(url, follow=True).text


@pytest.mark.parametrize("token", ["nonsense", "1:forged"])
def test_a_forged_cancel_link_is_not_found(client, db, token):
    registration = RegistrationFactory()
    assert client.get(f"/evenemang/avboka/{token}/").status_code == 404
    assert client.post(f"/evenemang/avboka/{token}/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
