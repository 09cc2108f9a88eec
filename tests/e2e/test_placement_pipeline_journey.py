"""The placement pipeline moves by itself, in a real browser.

1. The coordinator proposes a place at an enterprise nobody there signs in to, invites its
   contact person; the e-mailed one-time link lets the contact choose a password, sign in
   and accept the proposal.
2. A proposal nobody answers: the reminder after three working days, then the alert to
   the coordinator three working days later, with the clock moved (the live server runs in
   this process, in a thread, so it sees the moved clock too).
"""

import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lotsen.accounts.tests.factories import current_code

from .conftest import DEMO_LOGINS, log_in

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _new_page(browser, server_url):
    context = browser.new_context(base_url=server_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _waiting_proposal(django_db_blocker, *, enterprise_name: str | None, email: str = ""):
    """A referral in matching and an opening (at a new enterprise when no name is given)."""
    from lotsen.accounts.models import User
    from lotsen.organisations.models import Organisation
    from lotsen.organisations.tests.factories import OrganisationFactory
    from lotsen.placements.tests.factories import OpeningFactory, register, to_matching

    with django_db_blocker.unblock():
        if enterprise_name:
            enterprise = Organisation.objects.get(name=enterprise_name)
        else:
            enterprise = OrganisationFactory(
                kind=Organisation.Kind.SOCIAL_ENTERPRISE,
                name="Trädgårdslaget i Boden ek. för.",
                email=email,
            )
        opening = OpeningFactory(enterprise=enterprise, title="Trädgårdsskötsel", capacity=2)
        caseworker = User.objects.get(email=DEMO_LOGINS["caseworker"])
        coordinator = User.objects.get(email=DEMO_LOGINS["coordinator"])
        participant = register(caseworker, name="Pipeline Deltagare")
        referral = to_matching(participant.referrals.get(), coordinator)
    return referral, opening, participant.code


def _mail_about(code: str) -> list:
    return [message for message in mail.outbox if code in message.subject]


def test_an_invited_contact_sets_a_password_and_accepts(browser, server_url, django_db_blocker):
    referral, opening, code = _waiting_proposal(
        django_db_blocker, enterprise_name=None, email="kontakt@tradgardslaget.test"
    )
    contexts = []
    try:
        context, coordinator = _new_page(browser, server_url)
        contexts.append(context)
        log_in(coordinator, "coordinator")
        coordinator.goto(f"/lotsning/anvisningar/{referral.pk}/")
        coordinator.get_by_label("Arbetsträningsplats").select_option(
            label=f"{opening.title}, {opening.enterprise.name}"
        )
        coordinator.get_by_role("button", name="Föreslå för företaget").click()
        coordinator.locator(".alert-warning", has_text="ingen på företaget loggar in").wait_for()
        # Nobody at the enterprise can act, so the coordinators are told how to.
        assert any(DEMO_LOGINS["coordinator"] in m.to for m in _mail_about(code))

        coordinator.get_by_label("Kontaktpersonens namn").fill("Kim Trädgård")
        assert (
            coordinator.get_by_label("Kontaktpersonens e-postadress").input_value()
            == "kontakt@tradgardslaget.test"
        )
        coordinator.get_by_role("button", name="Skicka inbjudan").click()
        coordinator.get_by_text("Inbjudan skickades till kontakt@tradgardslaget.test.").wait_for()

        invitation = [m for m in mail.outbox if m.to == ["kontakt@tradgardslaget.test"]][-1]
        link = re.search(r"https?://\S+", invitation.body).group(0)
        path = "/" + link.split("://", 1)[1].split("/", 1)[1]

        context, contact = _new_page(browser, server_url)
        contexts.append(context)
        contact.goto(path)
        contact.locator("#id_password1").fill("Trädgård-Lösen-2468")
        contact.locator("#id_password2").fill("Trädgård-Lösen-2468")
        contact.locator("#id_password2").press("Enter")
        contact.wait_for_url("**/konto/password/reset/key/done/")
        # The link worked once.
        contact.goto(path)
        assert contact.locator("#id_password1").count() == 0

        contact.goto("/konto/login/")
        contact.get_by_label("E-postadress").fill("kontakt@tradgardslaget.test")
        contact.get_by_label("Lösenord").fill("Trädgård-Lösen-2468")
        contact.get_by_role("button", name="Logga in").click()
        # An enterprise user sees placed participants: an authenticator app comes first.
        contact.wait_for_url("**/konto/2fa/totp/activate/**")
        secret = contact.locator("#authenticator_secret").input_value()
        contact.get_by_label("Autentiseringskod").fill(current_code(secret))
        contact.get_by_label("Autentiseringskod").press("Enter")
        contact.wait_for_url("**/konto/2fa/recovery-codes/")
        contact.goto("/oversikt/")
        inbox = contact.locator("section", has_text="Förslag att svara på")
        inbox.get_by_role("link", name=re.compile(code)).click()
        contact.get_by_role("button", name="Acceptera").click()
        contact.get_by_text("Du accepterade förslaget.").wait_for()
    finally:
        for context in contexts:
            context.close()


def test_an_unanswered_proposal_is_reminded_then_alerted(browser, server_url, django_db_blocker):
    from lotsen.core.workdays import add_working_days
    from lotsen.placements import services

    referral, opening, code = _waiting_proposal(
        django_db_blocker, enterprise_name="Snickeriet i Piteå ek. för."
    )
    with django_db_blocker.unblock():
        from lotsen.accounts.models import User

        coordinator = User.objects.get(email=DEMO_LOGINS["coordinator"])
        placement = services.placement_propose(
            actor=coordinator, referral=referral, opening=opening
        )
    requests = _mail_about(code)
    assert [m.to for m in requests] == [[DEMO_LOGINS["enterprise"]]]
    assert placement.get_absolute_url() in requests[0].body

    today = timezone.localdate()
    reminder_day = add_working_days(today, 3)
    alert_day = add_working_days(reminder_day, 3)

    def ten_o_clock(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(10), tzinfo=STOCKHOLM)

    contexts = []
    try:
        with time_machine.travel(ten_o_clock(reminder_day), tick=True):
            with django_db_blocker.unblock():
                call_command("send_placement_reminders", stdout=StringIO())
            reminders = [m for m in _mail_about(code) if "påminnelse" in m.subject]
            assert [m.to for m in reminders] == [[DEMO_LOGINS["enterprise"]]]
            context, enterprise = _new_page(browser, server_url)
            contexts.append(context)
            log_in(enterprise, "enterprise")
            item = enterprise.locator("section", has_text="Förslag att svara på").locator(
                "li", has_text=code
            )
            # Proposed today at any hour; the inbox counts whole days since then.
            age = int(re.search(r"(\d+) dagar gammal", item.inner_text()).group(1))
            assert age in ((reminder_day - today).days - 1, (reminder_day - today).days)

        with time_machine.travel(ten_o_clock(alert_day), tick=True):
            with django_db_blocker.unblock():
                call_command("send_placement_reminders", stdout=StringIO())
                call_command("send_placement_reminders", stdout=StringIO())
            alerts = [m for m in _mail_about(code) if "väntat för länge" in m.subject]
            assert len(alerts) == 1
            assert DEMO_LOGINS["coordinator"] in alerts[0].to
            assert "Snickeriet i Piteå ek. för." in alerts[0].body
            context, coordinator_page = _new_page(browser, server_url)
            contexts.append(context)
            log_in(coordinator_page, "coordinator")
            item = coordinator_page.locator("section", has_text="Förslag utan svar").locator(
                "li", has_text=code
            )
            text = item.inner_text()
            assert "Väntar på Snickeriet i Piteå ek. för." in text
            assert "Försenad" in text
    finally:
        for context in contexts:
            context.close()
