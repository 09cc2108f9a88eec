"""A visitor registers for a supervisor training, cancels through the e-mail link,
and the first on the waiting list gets the place and an e-mail saying so.

The live server runs in this process, so Django's locmem outbox shows the
e-mails it sends.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from .accessibility import wcag_violations


@pytest.fixture
def supervisor_training(demo_world, django_db_blocker):
    from lotsen.events.models import Event, Registration
    from lotsen.organisations.models import Organisation

    with django_db_blocker.unblock():
        starts_at = timezone.now() + timedelta(days=30)
        event = Event.objects.create(
            kind=Event.Kind.SUPERVISOR_TRAINING,
            title="Handledarutbildning i Piteå, vintern",
            description="En dag om att handleda i arbetsträning.",
            support_area_id="supervisor-training",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=7),
            place="Piteå Stadshotell",
            municipality_id="2581",
            capacity=2,
        )
        event.organisers.set([Organisation.objects.get(name="Coompanion Norrbotten")])
        Registration.objects.create(
            event=event,
            name="Karin Öberg",
            email="karin.oberg@exempel.test",
            organisation=Organisation.objects.get(name="Piteå kommun"),
            status=Registration.Status.CONFIRMED,
        )
        yield event
        event.delete()


def register(page, event, name: str, email: str, organisation: str) -> None:
    page.goto(f"/evenemang/{event.slug}/")
    page.get_by_label("Namn").fill(name)
    page.get_by_label("E-post").fill(email)
    page.locator("#id_organisation").select_option(label=organisation)
    page.get_by_label("Kommun där du arbetar").select_option(label="Piteå")


def messages_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def test_a_visitor_cancels_by_the_e_mail_link_and_the_first_in_line_gets_the_place(
    page, supervisor_training
):
    mail.outbox.clear()
    event = supervisor_training

    page.goto("/evenemang/?kind=supervisor_training")
    page.get_by_role("link", name=event.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    assert wcag_violations(page) == []

    register(page, event, "Anna Lindberg", "anna.lindberg@exempel.test", "Piteå kommun")
    page.get_by_role("button", name="Anmäl dig").click()
    assert "Du är anmäld" in page.get_by_role("status").inner_text()
    (confirmation,) = messages_to("anna.lindberg@exempel.test")
    assert confirmation.attachments[0][0] == "evenemang.ics"

    register(page, event, "Erik Nilsson", "erik.nilsson@exempel.test", "Bodens kommun")
    page.get_by_role("button", name="Ställ dig på väntelistan").click()
    assert "väntelistan" in page.get_by_role("status").inner_text()
    assert "väntelistan" in messages_to("erik.nilsson@exempel.test")[0].subject

    page.goto(re.search(r"/evenemang/avboka/\S+/", confirmation.body).group(0))
    assert wcag_violations(page) == []
    page.get_by_role("button", name="Ja, avboka min anmälan").click()
    assert "Din anmälan är avbokad." in page.get_by_role("status").inner_text()

    promoted = messages_to("erik.nilsson@exempel.test")[-1]
    assert promoted.subject == f"Du har fått en plats på {event.title}"
    assert promoted.attachments[0][0] == "evenemang.ics"
    assert messages_to("anna.lindberg@exempel.test")[-1].subject.startswith("Avbokad")

    page.goto(f"/evenemang/{event.slug}/")
    assert "0 av 2 kvar" in page.locator("main").inner_text()
