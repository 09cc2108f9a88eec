"""The support function of the demo world: offers, ~30 requests in every state, time bank, mentors.

Everything is placed relative to today so that due dates, overdue flags and the
current year's time bank look the same whenever the demo is seeded.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.core.models import SupportArea
from lotsen.organisations.models import Organisation
from lotsen.support.models import (
    Mentor,
    MentorMatch,
    MentorMeeting,
    Message,
    Offer,
    SupportRequest,
    TimeBankAccount,
    TimeBankEntry,
)

BUSINESS_OFFICE = "Näringslivskontoret, Piteå kommun"
COOMPANION = "Coompanion Norrbotten"
ALMI = "Almi Företagspartner Nord"
LTU = "LTU Business"
TENDER_OFFER = "Anbudsstöd – lämna anbud i offentlig upphandling"

# (provider, area, title, format, cost, price, audience, hours per year, description)
OFFERS = [
    (
        COOMPANION,
        "advice",
        "Rådgivning för sociala företag",
        "advice",
        "free",
        "",
        "enterprises",
        10,
        "Personlig rådgivning om att starta, driva och utveckla "
        "ett arbetsintegrerande socialt företag.",
    ),
    (
        COOMPANION,
        "procurement",
        TENDER_OFFER,
        "advice",
        "free",
        "",
        "enterprises",
        8,
        "Hjälp att läsa förfrågningsunderlag, räkna på priset och skriva anbudet, steg för steg.",
    ),
    (
        COOMPANION,
        "board",
        "Styrelseutbildning för kooperativ",
        "course",
        "subsidised",
        "500 kr per deltagare",
        "enterprises",
        None,
        "Två kvällar om styrelsens ansvar, ekonomi och föreningsstämman i en ekonomisk förening.",
    ),
    (
        COOMPANION,
        "asf-school",
        "ASF-skolan",
        "course",
        "free",
        "",
        "enterprises",
        None,
        "Sex träffar om affärsmodell, handledning och samverkan "
        "med Arbetsförmedlingen och kommunen.",
    ),
    (
        ALMI,
        "law-finance",
        "Affärsrådgivning och finansiering",
        "advice",
        "subsidised",
        "Halva kostnaden betalas av Almi",
        "enterprises",
        None,
        "Rådgivning om finansiering, budget och lönsamhet för små företag.",
    ),
    (
        ALMI,
        "mentoring",
        "Mentorprogram för företagare",
        "mentoring",
        "free",
        "",
        "enterprises",
        None,
        "Ett år med en erfaren mentor som träffar dig en gång i månaden.",
    ),
    (
        LTU,
        "sales-marketing",
        "Affärsutveckling och innovationscoachning",
        "coaching",
        "free",
        "",
        "enterprises",
        6,
        "Coachning i att hitta nya kunder och utveckla tjänster tillsammans med forskare.",
    ),
    (
        LTU,
        "sales-marketing",
        "Workshop: sälj och marknadsföring",
        "course",
        "price",
        "1 200 kr per företag",
        "both",
        None,
        "En dag om att berätta vad företaget gör och varför det är värt att köpa.",
    ),
    (
        BUSINESS_OFFICE,
        "authority-contacts",
        "Företagslots – en kontakt in i kommunen",
        "advice",
        "free",
        "",
        "enterprises",
        None,
        "Hjälp med tillstånd, lokaler och kontakter med kommunens förvaltningar.",
    ),
    (
        BUSINESS_OFFICE,
        "procurement",
        "Leverantörsträff – möt kommunens inköpare",
        "network",
        "free",
        "",
        "both",
        None,
        "Träffar där sociala företag och kommunens inköpare lär känna varandra.",
    ),
]

SNICKERIET = "Snickeriet i Piteå ek. för."
# Enterprises that receive this year's free hours for the advice and tender offers.
GRANTED_ENTERPRISES = [
    SNICKERIET,
    "Städkooperativet Norrsken ek. för.",
    "Café Kvarnen ek. för.",
    "Återbruket i Boden ek. för.",
    "Trädgårdsgänget Älvsbyn ek. för.",
    "Kök & Kompani Piteå ek. för.",
]

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

AF = "Arbetsförmedlingen, Luleå"
REGION = "Region Norrbotten"
BODEN = "Bodens kommun"
PARTY_MENTORING = "Mentor för en ny verksamhetsledare i Boden"
# Support the parties deliver themselves, reported to the funding follow-up:
# (subject, area, enterprise, party, days ago, hours logged per meeting)
PARTY_DELIVERED = [
    (
        "Rådgivning inför anställning med lönestöd",
        "advice",
        "Återbruket i Boden ek. för.",
        AF,
        120,
        ["12", "10", "14", "9"],
    ),
    (
        "Hur tar vi emot fler deltagare från Arbetsförmedlingen?",
        "advice",
        "Trädgårdsgänget Älvsbyn ek. för.",
        AF,
        90,
        ["16", "12", "14"],
    ),
    (
        "Affärsplan med arbetsträning som del av verksamheten",
        "advice",
        "Kök & Kompani Piteå ek. för.",
        AF,
        45,
        ["18", "15", "20"],
    ),
    (
        "Samordning med vården för en deltagare",
        "authority-contacts",
        "Café Kvarnen ek. för.",
        REGION,
        75,
        ["8", "6", "9"],
    ),
    (
        "En kontakt hos regionen för våra rehabiliteringsfrågor",
        "authority-contacts",
        "Städkooperativet Norrsken ek. för.",
        REGION,
        30,
        ["12", "10"],
    ),
    (PARTY_MENTORING, "mentoring", "Återbruket i Boden ek. för.", BODEN, 150, []),
]
# Hours granted per enterprise and area for the parties' support in the year.
PARTY_GRANT_HOURS = Decimal(80)

MENTORS = [
    (
        "Maria Mentorsson",
        "maria.mentorsson@almi.test",
        ALMI,
        ["mentoring", "law-finance", "board"],
        ["2580", "2581"],
        3,
    ),
    (
        "Erik Coach",
        "erik.coach@coach.test",
        None,
        ["mentoring", "sales-marketing"],
        ["2582", "2560", "2581"],
        2,
    ),
    (
        "Anna Bergström",
        "anna.bergstrom@boden.test",
        BODEN,
        ["mentoring", "authority-contacts"],
        ["2582", "2560"],
        3,
    ),
]
# Meetings of the municipality's mentor with an enterprise: (weeks ago, hours)
BODEN_MENTOR_MEETINGS = [(20, "2"), (16, "2"), (12, "1.5"), (8, "2"), (4, "2"), (1, "1.5")]


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _seed_offers() -> dict[str, Offer]:
    Organisation.objects.update_or_create(
        name=BUSINESS_OFFICE,
        defaults={
            "kind": Organisation.Kind.SUPPORT_ACTOR,
            "municipality_id": "2581",
            "email": "naringsliv@pitea.test",
        },
    )
    offers = {}
    for provider, area, title, fmt, cost, price, audience, hours, description in OFFERS:
        offers[title], _created = Offer.objects.update_or_create(
            title=title,
            defaults={
                "provider": _organisation(provider),
                "area_id": area,
                "format": fmt,
                "cost": cost,
                "price": price,
                "audience": audience,
                "hours_per_year": Decimal(hours) if hours else None,
                "description": description,
                "is_published": True,
            },
        )
    return offers


def _seed_time_bank(offers: dict[str, Offer], coordinator: User, year: int) -> None:
    for name in GRANTED_ENTERPRISES:
        enterprise = _organisation(name)
        for title in ("Rådgivning för sociala företag", TENDER_OFFER):
            offer = offers[title]
            account, created = TimeBankAccount.objects.get_or_create(
                enterprise=enterprise, year=year, offer=offer
            )
            if created:
                account.balance = offer.hours_per_year
                account.save(update_fields=["balance"])
                TimeBankEntry.objects.create(
                    account=account,
                    kind=TimeBankEntry.Kind.GRANT,
                    hours=offer.hours_per_year,
                    balance_after=account.balance,
                    actor=coordinator,
                    reason=f"Årlig tilldelning {year}",
                )


def _seed_requests(offers: dict[str, Offer], coordinator: User, year: int) -> int:
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
        enterprise = _organisation(enterprise_name) if enterprise_name else None
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


def _seed_mentors(coordinator: User) -> None:
    for name, email, organisation, areas, municipalities, capacity in MENTORS:
        mentor, _created = Mentor.objects.update_or_create(
            email=email,
            defaults={
                "full_name": name,
                "organisation": _organisation(organisation) if organisation else None,
                "capacity": capacity,
                "is_active": True,
            },
        )
        mentor.areas.set(SupportArea.objects.filter(code__in=areas))
        mentor.municipalities.set(municipalities)
    support_request = SupportRequest.objects.filter(
        subject="Mentor för ny verksamhetsledare"
    ).first()
    maria = Mentor.objects.get(email=MENTORS[0][1])
    if support_request and not support_request.mentor_matches.exists():
        match = MentorMatch.objects.create(
            mentor=maria,
            request=support_request,
            created_by=coordinator,
            created_at=support_request.created_at + timedelta(days=1),
        )
        MentorMeeting.objects.create(
            match=match,
            held_on=timezone.localdate() - timedelta(days=7),
            hours=Decimal("1.5"),
            notes="Första träffen: mål för året och ekonomin.",
            logged_by=coordinator,
        )


def _seed_party_support(coordinator: User, year: int) -> None:
    """Requests the parties work on themselves, with hours drawn from area time banks."""
    now = timezone.now()
    for subject, area, enterprise_name, party_name, days_ago, hours in PARTY_DELIVERED:
        if SupportRequest.objects.filter(subject=subject).exists():
            continue
        enterprise = _organisation(enterprise_name)
        received = now - timedelta(days=days_ago)
        support_request = SupportRequest(
            subject=subject,
            description=f"{subject}. Vi behöver hjälp att komma vidare.",
            area_id=area,
            channel=SupportRequest.Channel.PUBLIC_FORM,
            requester_organisation=enterprise,
            contact_name="Verksamhetsledaren",
            contact_email=f"kontakt.{enterprise.slug}@exempel.test",
            created_at=received,
            status=S.IN_PROGRESS,
            outcome=SupportRequest.Outcome.ASSIGNED,
            assigned_provider=_organisation(party_name),
            first_responded_at=received + timedelta(hours=20),
        )
        support_request.set_due_dates()
        support_request.save()
        for index, step in enumerate([S.TRIAGED, S.IN_PROGRESS], 1):
            support_request.status_changes.create(
                from_status=S.NEW if step == S.TRIAGED else S.TRIAGED,
                to_status=step,
                actor=coordinator,
                changed_at=received + timedelta(hours=20 * index),
            )
        if not hours:
            continue
        if not hours:
            continue
        account, created = TimeBankAccount.objects.get_or_create(
            enterprise=enterprise, year=year, offer=None, area_id=area
        )
        if created:
            account.balance = PARTY_GRANT_HOURS
            account.save(update_fields=["balance"])
            TimeBankEntry.objects.create(
                account=account,
                kind=TimeBankEntry.Kind.GRANT,
                hours=PARTY_GRANT_HOURS,
                balance_after=account.balance,
                actor=coordinator,
                reason=f"Årlig tilldelning {year}",
            )
        for amount in hours:
            account.balance -= Decimal(amount)
            account.save(update_fields=["balance"])
            TimeBankEntry.objects.create(
                account=account,
                kind=TimeBankEntry.Kind.DELIVERY,
                hours=-Decimal(amount),
                balance_after=account.balance,
                request=support_request,
                actor=coordinator,
                reason="Möte med företaget",
            )


def _seed_party_mentoring(coordinator: User) -> None:
    support_request = SupportRequest.objects.filter(subject=PARTY_MENTORING).first()
    mentor = Mentor.objects.get(email="anna.bergstrom@boden.test")
    if support_request is None or support_request.mentor_matches.filter(mentor=mentor).exists():
        return
    match = MentorMatch.objects.create(
        mentor=mentor,
        request=support_request,
        created_by=coordinator,
        created_at=support_request.created_at + timedelta(days=1),
    )
    today = timezone.localdate()
    MentorMeeting.objects.bulk_create(
        MentorMeeting(
            match=match,
            held_on=today - timedelta(weeks=weeks),
            hours=Decimal(hours),
            notes="Genomgång av ekonomin och nästa steg.",
            logged_by=coordinator,
        )
        for weeks, hours in BODEN_MENTOR_MEETINGS
    )


def seed(stdout) -> None:
    coordinator = User.objects.get(email="samordnare@lotsen.test")
    year = timezone.localdate().year
    offers = _seed_offers()
    _seed_time_bank(offers, coordinator, year)
    created = _seed_requests(offers, coordinator, year)
    _seed_mentors(coordinator)
    _seed_party_support(coordinator, year)
    _seed_party_mentoring(coordinator)
    stdout.write(
        f"  support: {len(OFFERS)} offers, {created} new requests "
        f"({SupportRequest.objects.count()} in all), "
        f"{TimeBankAccount.objects.count()} time bank accounts, {len(MENTORS)} mentors"
    )
