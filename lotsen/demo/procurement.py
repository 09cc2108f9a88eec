"""The demo world's sales and procurement: four buyers, opportunities in every status
(two reserved), a consortium of three enterprises, a standing supplier network, and
awards and purchases from social enterprises for two years.

Dates follow today (decision 0166); the opportunities go through the workflow, so each
has its history."""

import datetime
from decimal import Decimal

from django.utils import timezone

from lotsen.accounts.models import Role, User
from lotsen.organisations.models import Organisation
from lotsen.procurement.models import (
    Award,
    ChecklistItem,
    Consortium,
    ConsortiumMember,
    ConsortiumMessage,
    Interest,
    Lot,
    Opportunity,
    Purchase,
    Question,
    SavedSearch,
    SupplierNetwork,
)

from .organisations import ALVSBYN, BODEN, LULEA, PITEA

PRIME_CONTRACTOR = ("Norrbygg Entreprenad AB", LULEA, "upphandling@norrbygg.test")
Status = Opportunity.Status
Kind = Opportunity.Kind

# (title, buyer, kind, status, main CPV, other CPV, municipalities, value, days from
# today to the tender deadline, lots)
OPPORTUNITIES = [
    (
        "Lokalvård i Luleås förskolor",
        "Luleå kommun",
        Kind.RESERVED,
        Status.PUBLISHED,
        "90919300",
        ["90911200"],
        [LULEA],
        Decimal("1800000"),
        18,
        ["Förskolorna i Gammelstad", "Förskolorna på Hertsön"],
    ),
    (
        "Tvätt av arbetskläder inom Region Norrbotten",
        "Region Norrbotten",
        Kind.RESERVED,
        Status.CLOSED,
        "98310000",
        ["98311000"],
        [LULEA, BODEN],
        Decimal("950000"),
        -6,
        [],
    ),
    (
        "Renovering av parkbänkar längs Norra hamnen",
        "Luleå kommun",
        Kind.DIRECT_AWARD,
        Status.PUBLISHED,
        "45421000",
        [],
        [LULEA],
        Decimal("180000"),
        12,
        [],
    ),
    (
        "IOP: Arbetsträning i återbruk och reparation",
        "Piteå kommun",
        Kind.IOP,
        Status.PUBLISHED,
        "90514000",
        ["50000000"],
        [PITEA],
        Decimal("600000"),
        30,
        [],
    ),
    (
        "Snickeriarbeten till skolbygget i Öjebyn",
        PRIME_CONTRACTOR[0],
        Kind.SUBCONTRACT,
        Status.PUBLISHED,
        "45421000",
        ["45421100"],
        [PITEA],
        Decimal("420000"),
        9,
        [],
    ),
    (
        "Marknadsdialog: cykelreparationer för kommunens lånecyklar",
        "Luleå kommun",
        Kind.MARKET_DIALOGUE,
        Status.PUBLISHED,
        "50000000",
        [],
        [LULEA],
        None,
        25,
        [],
    ),
    (
        "Skötsel av grönytor i Piteå centrum",
        "Piteå kommun",
        Kind.OPEN,
        Status.DRAFT,
        "77310000",
        ["77311000"],
        [PITEA],
        Decimal("2400000"),
        40,
        [],
    ),
    (
        "Flytt av kontorsmöbler till nya stadshuset",
        "Piteå kommun",
        Kind.DIRECT_AWARD,
        Status.CANCELLED,
        "98392000",
        [],
        [PITEA],
        Decimal("150000"),
        -20,
        [],
    ),
    (
        "Arbetsträningsplatser inom kost och städ",
        "Region Norrbotten",
        Kind.WORK_TRAINING,
        Status.AWARDED,
        "80530000",
        ["55523000"],
        [LULEA, PITEA, BODEN, ALVSBYN],
        Decimal("1200000"),
        -60,
        ["Kost", "Städ"],
    ),
    (
        "Skolmåltider till byskolorna i Älvsbyn",
        "Luleå kommun",
        Kind.OPEN,
        Status.AWARDED,
        "55524000",
        [],
        [ALVSBYN],
        Decimal("800000"),
        -420,
        [],
    ),
]

CONSORTIUM_MEMBERS = [
    ("Städkooperativet Norrsken ek. för.", "Huvudanbudsgivare; förskolorna i Gammelstad"),
    ("Fastighetsservice Sörbyn ek. för.", "Förskolorna på Hertsön"),
    ("Flyttgruppen Norr ek. för.", "Storstädning och flyttstäd vid behov"),
]

# (buyer, social enterprise, year ago, amount, bought outside notices)
PURCHASES = [
    ("Luleå kommun", "Städkooperativet Norrsken ek. för.", 1, Decimal("640000"), False),
    ("Luleå kommun", "Cykelverkstaden Luleå ek. för.", 1, Decimal("85000"), True),
    ("Luleå kommun", "Städkooperativet Norrsken ek. för.", 2, Decimal("510000"), False),
    ("Piteå kommun", "Kök & Kompani Piteå ek. för.", 1, Decimal("230000"), True),
    ("Piteå kommun", "Snickeriet i Piteå ek. för.", 2, Decimal("120000"), True),
    ("Region Norrbotten", "Tvätteriet Strömmen ek. för.", 1, Decimal("410000"), False),
    ("Region Norrbotten", "Tvätteriet Strömmen ek. för.", 2, Decimal("380000"), False),
]


def seed(stdout) -> None:
    prime, _ = Organisation.objects.get_or_create(
        name=PRIME_CONTRACTOR[0],
        defaults={
            "kind": Organisation.Kind.BUYER,
            "municipality_id": PRIME_CONTRACTOR[1],
            "email": PRIME_CONTRACTOR[2],
        },
    )
    buyer_user = User.objects.filter(memberships__role=Role.BUYER).first()
    coordinator = User.objects.filter(memberships__role=Role.COORDINATOR).first()
    today = timezone.localdate()
    now = timezone.now()
    opportunities = {}
    for row in OPPORTUNITIES:
        opportunity = _opportunity(row, prime, buyer_user or coordinator, today, now)
        opportunities[opportunity.title] = opportunity
    reserved = opportunities["Lokalvård i Luleås förskolor"]
    _consortium(reserved, coordinator, today, now)
    _questions(reserved, buyer_user, now)
    _awards(opportunities, coordinator, today)
    _purchases(buyer_user, today)
    _network()
    _saved_search()
    stdout.write(f"  procurement: {len(opportunities)} business opportunities")


def _opportunity(row, prime, actor, today, now) -> Opportunity:
    title, buyer, kind, status, main, others, places, value, due_in, lots = row
    existing = Opportunity.objects.filter(title=title).first()
    if existing:
        return existing
    buyer_organisation = prime if buyer == prime.name else Organisation.objects.get(name=buyer)
    due = now + datetime.timedelta(days=due_in)
    published = due - datetime.timedelta(days=35)
    # Publishing refuses a deadline that has passed: a past one is set once published.
    open_until = max(due, now + datetime.timedelta(days=1))
    opportunity = Opportunity.objects.create(
        buyer=buyer_organisation,
        kind=kind,
        title=title,
        description=(
            f"{title}. Uppdraget utförs i {len(places)} "
            f"{'kommun' if len(places) == 1 else 'kommuner'} i Södra Norrbotten."
        ),
        main_cpv_id=main,
        estimated_value=value,
        questions_until=timezone.localdate(open_until) - datetime.timedelta(days=7),
        tenders_due=open_until,
        contract_start=timezone.localdate(due) + datetime.timedelta(days=45),
        contract_end=timezone.localdate(due) + datetime.timedelta(days=45 + 730),
        reserved_participation=Opportunity.RESERVATION_OF_KIND.get(kind, "none"),
        strategic_procurement=["soc-obj"] if kind != Kind.OPEN else ["none"],
        social_objectives=["opp"] if kind != Kind.OPEN else [],
        created_by=actor,
    )
    opportunity.additional_cpv.set(others)
    opportunity.municipalities.set(places)
    for number, lot_title in enumerate(lots, 1):
        Lot.objects.create(opportunity=opportunity, number=number, title=lot_title)
    steps = {
        Status.DRAFT: [],
        Status.PUBLISHED: [Status.PUBLISHED],
        Status.CLOSED: [Status.PUBLISHED, Status.CLOSED],
        Status.CANCELLED: [Status.PUBLISHED, Status.CANCELLED],
        Status.AWARDED: [Status.PUBLISHED, Status.CLOSED],
    }[status]
    for step in steps:
        changes = {"published_at": published} if step == Status.PUBLISHED else {}
        opportunity.move_to(step, actor=actor, changes=changes)
    if due != open_until:
        Opportunity.objects.filter(pk=opportunity.pk).update(
            tenders_due=due, questions_until=timezone.localdate(due) - datetime.timedelta(days=7)
        )
        opportunity.refresh_from_db()
    return opportunity


def _enterprise(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _consortium(opportunity, coordinator, today, now) -> None:
    lead = _enterprise(CONSORTIUM_MEMBERS[0][0])
    consortium, created = Consortium.objects.get_or_create(
        opportunity=opportunity,
        name="Städsamverkan Luleå",
        defaults={"lead": lead, "created_by": coordinator},
    )
    if not created:
        return
    lots = list(opportunity.lots.all())
    for index, (name, share) in enumerate(CONSORTIUM_MEMBERS):
        enterprise = _enterprise(name)
        Interest.objects.get_or_create(opportunity=opportunity, enterprise=enterprise)
        member = ConsortiumMember.objects.create(
            consortium=consortium, enterprise=enterprise, share=share
        )
        if index < len(lots):
            member.lots.set([lots[index]])
    ConsortiumMessage.objects.create(
        consortium=consortium,
        body="Vi delar upp förskolorna enligt delområdena. Utkast till anbud kommer på fredag.",
        posted_at=now - datetime.timedelta(days=2),
    )
    due = timezone.localdate(opportunity.tenders_due)
    for days_before, text in ((10, "Gemensam prisbilaga klar"), (3, "Anbudet granskat av alla")):
        ChecklistItem.objects.create(
            consortium=consortium, text=text, due_on=due - datetime.timedelta(days=days_before)
        )


def _questions(opportunity, buyer_user, now) -> None:
    if opportunity.questions.exists():
        return
    Question.objects.create(
        opportunity=opportunity,
        text="Ingår fönsterputs i uppdraget?",
        asked_at=now - datetime.timedelta(days=4),
        answer="Nej, fönsterputs upphandlas separat.",
        answered_by=buyer_user,
        answered_at=now - datetime.timedelta(days=3),
    )
    Question.objects.create(
        opportunity=opportunity,
        text="Kan en anbudsgivare lämna anbud på bara ett av delområdena?",
        asked_at=now - datetime.timedelta(days=1),
    )


def _awards(opportunities, coordinator, today) -> None:
    training = opportunities["Arbetsträningsplatser inom kost och städ"]
    meals = opportunities["Skolmåltider till byskolorna i Älvsbyn"]
    if training.awards.exists():
        return
    lots = {lot.title: lot for lot in training.lots.all()}
    # One award this year and one last year, whatever today is.
    this_year = today - datetime.timedelta(days=min(40, today.timetuple().tm_yday - 1))
    last_year = datetime.date(today.year - 1, 11, 15)
    for lot_title, supplier in (
        ("Kost", "Kök & Kompani Piteå ek. för."),
        ("Städ", "Städkooperativet Norrsken ek. för."),
    ):
        Award.objects.create(
            opportunity=training,
            lot=lots[lot_title],
            supplier=_enterprise(supplier),
            value=Decimal("600000"),
            awarded_on=this_year,
            period_start=this_year + datetime.timedelta(days=30),
            period_end=this_year + datetime.timedelta(days=395),
            recorded_by=coordinator,
        )
    Award.objects.create(
        opportunity=meals,
        supplier_name="Norrlandskost AB",
        value=Decimal("760000"),
        awarded_on=last_year,
        period_start=last_year + datetime.timedelta(days=30),
        period_end=last_year + datetime.timedelta(days=760),
        recorded_by=coordinator,
    )
    for opportunity in (training, meals):
        opportunity.move_to(Status.AWARDED, actor=coordinator)


def _purchases(buyer_user, today) -> None:
    for buyer, supplier, years_ago, amount, outside in PURCHASES:
        Purchase.objects.get_or_create(
            buyer=Organisation.objects.get(name=buyer),
            supplier=_enterprise(supplier),
            year=today.year - years_ago,
            outside_notices=outside,
            defaults={"amount": amount, "recorded_by": buyer_user},
        )


def _network() -> None:
    network, created = SupplierNetwork.objects.get_or_create(
        name="Leverantörsnätverk Norrbotten – städ och lokalvård",
        defaults={
            "description": (
                "Sociala företag som städar och sköter lokaler och svarar på upphandlingar "
                "tillsammans."
            )
        },
    )
    if created:
        network.cpv_codes.set(["90911200", "90919200", "90919300"])
        network.municipalities.set([LULEA, PITEA, BODEN, ALVSBYN])
        network.members.set([_enterprise(name) for name, _share in CONSORTIUM_MEMBERS])


def _saved_search() -> None:
    user = User.objects.filter(email="foretag@lotsen.test").first()
    if user is None or user.saved_searches.exists():
        return
    # Saved two months ago, so the next alert run has news for it.
    search = SavedSearch.objects.create(
        user=user,
        name="Snickeri i Piteå",
        words="snickeri",
        cpv_divisions=["45", "39"],
        created_at=timezone.now() - datetime.timedelta(days=60),
    )
    search.municipalities.set([PITEA])
