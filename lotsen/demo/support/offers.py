"""The support providers' published offers and the enterprises' free hours for them."""

from decimal import Decimal

from lotsen.accounts.models import User
from lotsen.organisations.models import Organisation
from lotsen.support.models import Offer, TimeBankAccount, TimeBankEntry

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


def organisation_named(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def seed_offers() -> dict[str, Offer]:
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
                "provider": organisation_named(provider),
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


def seed_time_bank(offers: dict[str, Offer], coordinator: User, year: int) -> None:
    for name in GRANTED_ENTERPRISES:
        enterprise = organisation_named(name)
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
