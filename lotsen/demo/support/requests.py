"""Support requests from enterprises and the public, in every state of their path."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo.support.offers import COOMPANION, SNICKERIET, TENDER_OFFER, organisation_named
from lotsen.support.models import (
    Message,
    Offer,
    SupportRequest,
    TimeBankAccount,
    TimeBankEntry,
)

S = SupportRequest.Status
# (subject, area, enterprise or None for the public form, status, days ago, provider offer title,
#  outcome, delivered hours, rating)
REQUESTS = [
    (
        "Hjälp att lämna anbud på städtjänster",
        "procurement",
        "Städkooperativet Norrsken ek. för.",
        S.NEW,
        0,
        None,
        "",
        0,
        None,
    ),
    (
        "Hur blir vi leverantör till kommunen?",
        "procurement",
        "Café Kvarnen ek. för.",
        S.NEW,
        1,
        None,
        "",
        0,
        None,
    ),
    ("Vi vill starta ett socialt företag", None, None, S.NEW, 2, None, "", 0, None),
    (
        "Frågor om styrelsens ansvar",
        "board",
        "Tvätteriet Strömmen ek. för.",
        S.NEW,
        6,
        None,
        "",
        0,
        None,
    ),
    (
        "Behöver en mentor för ekonomin",
        "mentoring",
        "Hantverkshuset Öjebyn",
        S.NEW,
        9,
        None,
        "",
        0,
        None,
    ),
    (
        "Marknadsföring av vår second hand",
        "sales-marketing",
        "Återbruket i Boden ek. för.",
        S.NEW,
        12,
        None,
        "",
        0,
        None,
    ),
    (
        "Kontakt med Försäkringskassan om lönebidrag",
        "authority-contacts",
        None,
        S.NEW,
        3,
        None,
        "",
        0,
        None,
    ),
    (
        "Anbud på snickeriarbeten till Piteå kommun",
        "procurement",
        SNICKERIET,
        S.TRIAGED,
        2,
        TENDER_OFFER,
        "assigned",
        0,
        None,
    ),
    (
        "Budget inför nästa år",
        "law-finance",
        "Kök & Kompani Piteå ek. för.",
        S.TRIAGED,
        4,
        "Affärsrådgivning och finansiering",
        "assigned",
        0,
        None,
    ),
    (
        "Lokalfrågor i Öjebyn",
        "authority-contacts",
        "Hantverkshuset Öjebyn",
        S.TRIAGED,
        25,
        "Företagslots – en kontakt in i kommunen",
        "assigned",
        0,
        None,
    ),
    (
        "Nya kunder till cykelverkstaden",
        "sales-marketing",
        "Cykelverkstaden Luleå ek. för.",
        S.TRIAGED,
        3,
        "Affärsutveckling och innovationscoachning",
        "assigned",
        0,
        None,
    ),
    (
        "Rådgivning om att anställa handledare",
        "advice",
        "Café Kvarnen ek. för.",
        S.TRIAGED,
        30,
        "Rådgivning för sociala företag",
        "assigned",
        0,
        None,
    ),
    (
        "Stöd i upphandling av trädgårdsskötsel",
        "procurement",
        "Trädgårdsgänget Älvsbyn ek. för.",
        S.IN_PROGRESS,
        8,
        TENDER_OFFER,
        "assigned",
        3,
        None,
    ),
    (
        "Affärsplan för nytt café",
        "advice",
        "Café Kvarnen ek. för.",
        S.IN_PROGRESS,
        10,
        "Rådgivning för sociala företag",
        "assigned",
        2,
        None,
    ),
    (
        "Prissättning av flyttjänster",
        "sales-marketing",
        "Flyttgruppen Norr ek. för.",
        S.IN_PROGRESS,
        40,
        "Affärsutveckling och innovationscoachning",
        "assigned",
        0,
        None,
    ),
    (
        "Mentor för ny verksamhetsledare",
        "mentoring",
        SNICKERIET,
        S.IN_PROGRESS,
        14,
        "Mentorprogram för företagare",
        "assigned",
        0,
        None,
    ),
    (
        "Ekonomisk förening eller aktiebolag?",
        "law-finance",
        "Skogsgruppen Vidsel ek. för.",
        S.IN_PROGRESS,
        5,
        "Affärsrådgivning och finansiering",
        "assigned",
        0,
        None,
    ),
    (
        "Anbudskalkyl för lokalvård",
        "procurement",
        "Städkooperativet Norrsken ek. för.",
        S.IN_PROGRESS,
        35,
        TENDER_OFFER,
        "assigned",
        4,
        None,
    ),
    (
        "Rådgivning om momsregler",
        "law-finance",
        "Nålen & Tråden Älvsbyn ek. för.",
        S.RESOLVED,
        20,
        "Affärsrådgivning och finansiering",
        "assigned",
        0,
        None,
    ),
    (
        "Hemsida och sociala medier",
        "sales-marketing",
        SNICKERIET,
        S.RESOLVED,
        18,
        "Affärsutveckling och innovationscoachning",
        "assigned",
        0,
        None,
    ),
    # A request becomes a referral only with the person's consent; the pilot function's
    # demo converts one of its own (lotsen.demo.placements).
    (
        "Frågor om arbetsträning hos oss",
        "coordination",
        "Bageriet på Gültzauudden ek. för.",
        S.NEW,
        1,
        None,
        "",
        0,
        None,
    ),
    (
        "Anmälan till handledarutbildningen",
        "supervisor-training",
        "Kök & Kompani Piteå ek. för.",
        S.RESOLVED,
        9,
        None,
        "event",
        0,
        None,
    ),
    (
        "Var finns mallar för verksamhetsberättelse?",
        "board",
        None,
        S.RESOLVED,
        7,
        None,
        "answered",
        0,
        None,
    ),
    (
        "Hjälp med anbud på skolmåltider",
        "procurement",
        "Kök & Kompani Piteå ek. för.",
        S.CLOSED,
        60,
        TENDER_OFFER,
        "assigned",
        5,
        5,
    ),
    (
        "Rådgivning inför årsstämman",
        "advice",
        "Återbruket i Boden ek. för.",
        S.CLOSED,
        45,
        "Rådgivning för sociala företag",
        "assigned",
        3,
        4,
    ),
    (
        "Styrelseutbildning för nya ledamöter",
        "board",
        "Tvätteriet Strömmen ek. för.",
        S.CLOSED,
        80,
        "Styrelseutbildning för kooperativ",
        "assigned",
        0,
        5,
    ),
    (
        "Hur når vi kommunens inköpare?",
        "procurement",
        "Fastighetsservice Sörbyn ek. för.",
        S.CLOSED,
        50,
        "Leverantörsträff – möt kommunens inköpare",
        "assigned",
        0,
        3,
    ),
    ("Frågor om lönebidrag", "authority-contacts", None, S.CLOSED, 70, None, "answered", 0, 4),
    (
        "Marknadsplan för cykelverkstaden",
        "sales-marketing",
        "Cykelverkstaden Luleå ek. för.",
        S.CLOSED,
        90,
        "Workshop: sälj och marknadsföring",
        "assigned",
        0,
        2,
    ),
    (
        "Plats i ASF-skolan till hösten",
        "asf-school",
        "Flyttgruppen Norr ek. för.",
        S.CLOSED,
        65,
        "ASF-skolan",
        "assigned",
        0,
        4,
    ),
]

# Each status reached in order; the status rows record the path a request took.
PATH = [S.NEW, S.TRIAGED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED]


def seed_requests(offers: dict[str, Offer], coordinator: User, year: int) -> int:
    enterprise_user = User.objects.get(email="foretag@lotsen.test")
    provider_users = {
        COOMPANION: User.objects.filter(email="stodaktor@lotsen.test").first(),
    }
    now = timezone.now()
    created = 0
    for number, row in enumerate(REQUESTS, 1):
        subject, area, enterprise_name, status, days_ago, offer_title, outcome, hours, rating = row
        if SupportRequest.objects.filter(subject=subject).exists():
            continue
        created += 1
        received = now - timedelta(days=days_ago, hours=2)
        enterprise = organisation_named(enterprise_name) if enterprise_name else None
        offer = offers[offer_title] if offer_title else None
        is_own = enterprise_name == SNICKERIET
        support_request = SupportRequest(
            subject=subject,
            description=(
                f"{subject}. Vi är ett litet företag och behöver någon att bolla med. "
                "Kan ni hjälpa oss eller tipsa om vem vi ska vända oss till?"
            ),
            area_id=area,
            channel=(
                SupportRequest.Channel.SIGNED_IN
                if enterprise
                else SupportRequest.Channel.PUBLIC_FORM
            ),
            requester=enterprise_user if is_own else None,
            requester_organisation=enterprise,
            contact_name="" if is_own else f"Kontaktperson {number}",
            contact_email="" if is_own else f"kontakt{number}@exempel.test",
            contact_organisation="" if enterprise else "Privatperson",
            created_at=received,
        )
        support_request.set_due_dates()
        support_request.save()
        if status == S.NEW:
            continue
        support_request.outcome = outcome
        support_request.offer = offer
        support_request.assigned_provider = offer.provider if offer else None
        support_request.first_responded_at = received + timedelta(hours=20)
        steps = PATH[1 : PATH.index(status) + 1]
        if outcome != "assigned":
            steps = [step for step in steps if step != S.IN_PROGRESS]
        actor_by_step = {S.TRIAGED: coordinator, S.CLOSED: support_request.requester}
        provider_user = provider_users.get(offer.provider.name) if offer else None
        previous = S.NEW
        for index, step in enumerate(steps, 1):
            at = received + timedelta(hours=20 * index)
            support_request.status_changes.create(
                from_status=previous,
                to_status=step,
                actor=actor_by_step.get(step, provider_user or coordinator),
                changed_at=at,
            )
            previous = step
            if step == S.RESOLVED:
                support_request.resolved_at = at
            if step == S.CLOSED:
                support_request.closed_at = at
        support_request.status = status
        support_request.rating = rating
        if rating:
            support_request.rating_comment = "Snabb och kunnig hjälp." if rating >= 4 else ""
        support_request.save()
        if outcome == "answered":
            Message.objects.create(
                request=support_request,
                author=coordinator,
                body=(
                    "Mallar finns hos Coompanion och på Bolagsverkets webbplats. "
                    "Hör av dig igen om något är oklart."
                ),
                created_at=received + timedelta(hours=20),
            )
        elif outcome == "event":
            Message.objects.create(
                request=support_request,
                author=coordinator,
                body="Skickas vidare till rätt tjänst, som kontaktar er.",
                is_internal=True,
                created_at=received + timedelta(hours=20),
            )
        elif status != S.TRIAGED:
            Message.objects.create(
                request=support_request,
                author=provider_user or coordinator,
                body="Tack för ert ärende. Vi bokar ett första möte nästa vecka.",
                created_at=received + timedelta(hours=30),
            )
        if hours:
            account = TimeBankAccount.objects.get(enterprise=enterprise, year=year, offer=offer)
            account.balance -= Decimal(hours)
            account.save(update_fields=["balance"])
            TimeBankEntry.objects.create(
                account=account,
                kind=TimeBankEntry.Kind.DELIVERY,
                hours=-Decimal(hours),
                balance_after=account.balance,
                request=support_request,
                actor=provider_user or coordinator,
                reason="Rådgivningsmöte",
            )
    return created
