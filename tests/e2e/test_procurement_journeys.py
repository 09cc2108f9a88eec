"""Sales and procurement in the browser: a buyer publishes a reserved opportunity; an
enterprise gets the alert and asks a question; enterprises form a consortium; the buyer
records the award. Every page on the way passes axe.

The live server runs in this process, so Django's locmem outbox shows the e-mails."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from .accessibility import wcag_violations
from .conftest import log_in

SUBCONTRACT = "Snickeriarbeten till skolbygget i Öjebyn"


@pytest.fixture
def db(django_db_blocker):
    """The ORM, for setting the scene and reading what the pages did."""
    with django_db_blocker.unblock():
        yield


def opportunity_named(title: str):
    from lotsen.procurement.models import Opportunity

    return Opportunity.objects.get(title=title)


def test_a_buyer_publishes_a_reserved_opportunity(page, db):
    log_in(page, "buyer")
    page.goto("/upphandling/mina/")
    assert wcag_violations(page) == []
    page.get_by_role("link", name="Ny affärsmöjlighet").click()
    assert wcag_violations(page) == []

    today = timezone.localdate()
    page.locator("#id_kind").select_option("reserved")
    page.locator("#id_title").fill("Lokalvård på Luleå stadsbibliotek")
    page.locator("#id_description").fill("Daglig städning av biblioteket och dess filialer.")
    page.locator("#id_main_cpv").fill("90911200-8")
    page.locator('input[name="municipalities"][value="2580"]').check()
    page.locator("#id_estimated_value").fill("1 200 000")
    page.locator("#id_questions_until").fill(f"{today + timedelta(days=10):%Y-%m-%d}")
    page.locator("#id_tenders_due").fill(f"{today + timedelta(days=20):%Y-%m-%d}T12:00")
    page.locator("#id_contract_start").fill(f"{today + timedelta(days=60):%Y-%m-%d}")
    page.locator("#id_contract_end").fill(f"{today + timedelta(days=425):%Y-%m-%d}")
    page.locator('input[name="social_objectives"][value="opp"]').check()
    page.get_by_role("button", name="Spara").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Lokalvård på Luleå stadsbibliotek"
    assert "Utkast" in page.locator("main").inner_text()
    page.get_by_role("button", name="Publicera").click()
    # Swedish digit groups are separated by a no-break space.
    main = page.locator("main").inner_text().replace("\xa0", " ")
    assert "Publicerad" in main
    assert "minst 30 %" in main
    assert "1 200 000 kr" in main
    assert wcag_violations(page) == []

    published = opportunity_named("Lokalvård på Luleå stadsbibliotek")
    assert (published.status, published.reserved_participation) == ("published", "res-ws")
    page.goto("/upphandling/?reserved=yes")
    assert page.get_by_role("link", name="Lokalvård på Luleå stadsbibliotek").is_visible()


def test_an_enterprise_gets_the_alert_and_asks_a_question(page, db):
    from lotsen.procurement.models import SavedSearch

    # The enterprise saved its search two months ago and has had no alert since.
    SavedSearch.objects.filter(user__email="foretag@lotsen.test").update(
        created_at=timezone.now() - timedelta(days=60), last_sent_at=None
    )
    mail.outbox.clear()
    call_command("send_procurement_alerts", stdout=None)
    (alert,) = [message for message in mail.outbox if "foretag@lotsen.test" in message.to]
    assert SUBCONTRACT in alert.body
    opportunity = opportunity_named(SUBCONTRACT)
    link = re.search(rf"/upphandling/{opportunity.slug}/", alert.body).group(0)

    log_in(page, "enterprise")
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == SUBCONTRACT
    page.get_by_role("link", name="Ställ en fråga").click()
    assert wcag_violations(page) == []
    page.get_by_label("Din fråga").fill("Ska snickarna ha egna verktyg på plats?")
    page.get_by_role("button", name="Skicka frågan").click()
    assert page.get_by_role("status").is_visible()
    assert opportunity.questions.filter(text__startswith="Ska snickarna").exists()
    # The public sees a question only once it is answered.
    page.goto(link)
    assert "Ska snickarna" not in page.locator("main").inner_text()


def test_enterprises_form_a_consortium(page, db):
    opportunity = opportunity_named(SUBCONTRACT)
    log_in(page, "enterprise")
    page.goto(opportunity.get_absolute_url())
    page.get_by_role("button", name="Anmäl intresse").click()
    assert "har anmält sitt intresse" in page.locator("main").inner_text()
    page.get_by_role("link", name="Bilda eller öppna ett konsortium").click()
    assert wcag_violations(page) == []
    page.get_by_role("link", name="Bilda ett konsortium").click()
    page.get_by_label("Konsortiets namn").fill("Skolbyggets snickare")
    page.get_by_role("button", name="Bilda konsortiet").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Skolbyggets snickare"
    assert wcag_violations(page) == []

    page.get_by_role("link", name="Lägg till en medlem").click()
    assert wcag_violations(page) == []
    page.get_by_label("Företag").select_option(label="Möbelverkstan Norrfjärden ek. för.")
    page.get_by_role("button", name="Lägg till medlemmen").click()
    page.get_by_label("Meddelande").fill("Vi tar dörrarna, ni tar bänkarna.")
    page.get_by_role("button", name="Publicera meddelandet").click()
    main = page.locator("main").inner_text()
    assert "Möbelverkstan Norrfjärden ek. för." in main
    assert "Vi tar dörrarna" in main
    consortium = opportunity.consortia.get(name="Skolbyggets snickare")
    assert set(consortium.members.values_list("enterprise__name", flat=True)) == {
        "Snickeriet i Piteå ek. för.",
        "Möbelverkstan Norrfjärden ek. för.",
    }


def test_the_buyer_records_the_award(page, db):
    title = "Renovering av parkbänkar längs Norra hamnen"
    log_in(page, "buyer")
    page.goto(opportunity_named(title).get_absolute_url())
    page.get_by_role("button", name="Stäng för anbud").click()
    page.get_by_role("link", name="Registrera tilldelning").click()
    assert wcag_violations(page) == []
    # One form for the whole opportunity, which has no lots.
    page.locator("#id_award-supplier").select_option(label="Snickeriet i Piteå ek. för.")
    page.locator("#id_award-value").fill("175 000")
    page.get_by_role("button", name="Registrera tilldelning").click()
    assert page.get_by_role("status").is_visible()

    awarded = opportunity_named(title)
    assert awarded.status == "awarded"
    (award,) = awarded.awards.all()
    assert (award.supplier.name, award.value) == ("Snickeriet i Piteå ek. för.", 175000)
    assert award.won_by_social_enterprise
