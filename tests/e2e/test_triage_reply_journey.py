"""A coordinator answers a request at triage, with each decision; the requester reads the
reply in the e-mail and on the page the e-mail links to.

The live server runs in this process, so Django's locmem outbox shows the mails.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import translation

from lotsen.support.forms import TriageForm
from lotsen.support.models import SupportRequest

from .accessibility import wcag_violations
from .conftest import log_in

OUTCOMES = [value for value, _label in TriageForm.base_fields["outcome"].choices]
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def public_request(demo_world, django_db_blocker, request):
    """A visitor's request through the public form, one per decision."""
    from lotsen.support.services import support_request_submit

    outcome = request.node.callspec.params["outcome"]
    with django_db_blocker.unblock():
        support_request = support_request_submit(
            subject=f"Fråga om stöd till vårt kafé ({outcome})",
            description="Vi vill anställa två personer men vet inte vilket stöd som finns.",
            contact_name="Sam Svensson",
            contact_email=f"sam.{outcome}@exempel.test",
        )
    yield support_request


def _decide(coordinator, outcome: str) -> None:
    with translation.override("sv"):
        label = str(SupportRequest.Outcome(outcome).label)
    coordinator.get_by_label(label).check()
    if outcome == SupportRequest.Outcome.ASSIGNED:
        coordinator.get_by_label("Erbjudande").select_option(index=1)
    elif outcome == SupportRequest.Outcome.EVENT:
        coordinator.get_by_role("combobox", name=re.compile("^Evenemang")).select_option(index=1)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_the_reply_at_triage_reaches_the_requester(browser, server_url, public_request, outcome):
    reply = f"Hej Sam! Vi har tittat på er fråga ({outcome}) och återkommer med mer."
    address = public_request.contact_email
    mail.outbox.clear()

    coordinator_context = browser.new_context(
        base_url=server_url, viewport={"width": 1280, "height": 900}
    )
    coordinator = coordinator_context.new_page()
    coordinator.set_default_timeout(15_000)
    log_in(coordinator, "coordinator")
    coordinator.goto(public_request.get_absolute_url())
    coordinator.get_by_role("link", name="Fördela").click()
    _decide(coordinator, outcome)
    coordinator.get_by_label("Svar till den som frågar").fill(reply)
    coordinator.get_by_role("button", name="Spara beslutet").click()
    assert "Ärendet fördelades." in coordinator.get_by_role("status").inner_text()
    assert reply in coordinator.locator(".thread").inner_text()
    coordinator_context.close()

    # The e-mail carries the reply and the requester's own link.
    (sent,) = [m for m in mail.outbox if address in m.to and public_request.reference in m.subject]
    assert reply in sent.body
    assert public_request.description not in sent.body
    (link,) = LINK.findall(sent.body)

    # The requester, not signed in, follows the link and reads the reply.
    requester_context = browser.new_context(
        base_url=server_url, viewport={"width": 1280, "height": 900}
    )
    requester = requester_context.new_page()
    requester.goto(urlsplit(link).path)
    thread = requester.locator(".thread")
    assert reply in thread.inner_text()
    assert "Inga meddelanden" not in requester.locator("main").inner_text()
    assert wcag_violations(requester) == []
    requester_context.close()
