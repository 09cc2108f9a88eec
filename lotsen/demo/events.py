"""A year of the region's events: half a year back and half a year ahead of today.

Supervisor trainings draw most of the municipalities, as the study reports of
its own; past events have attendance marked and their evaluation surveys (in the
surveys app) answered and closed, coming ones have registrations and a full
supervisor training has a waiting list.
Events are found again by title, so seeding twice changes nothing but moves
the year along with today. All people are fictitious.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from lotsen.accounts.models import User
from lotsen.demo.organisations import ALVSBYN, BODEN, COORDINATION_ASSOCIATION, LULEA, PITEA
from lotsen.events.models import Event, Registration
from lotsen.events.services import evaluation_survey, evaluation_survey_create, visitor_data_erase
from lotsen.organisations.models import Organisation
from lotsen.surveys import services as survey_services
from lotsen.surveys.models import Survey

K = Event.Kind
COOMPANION = "Coompanion Norrbotten"
ALMI = "Almi Företagspartner Nord"

# (days from this week's Monday, kind, title, support area, organisers, municipality, place,
#  start, end, capacity, registrations, audience)
EVENTS = [
    (
        -172,
        K.SUPERVISOR_TRAINING,
        "Handledarutbildning i Luleå, våren",
        "supervisor-training",
        [COORDINATION_ASSOCIATION, COOMPANION, "Luleå kommun"],
        LULEA,
        "Kulturens hus, Luleå",
        "09:00",
        "16:00",
        24,
        27,
        Event.Audience.EVERYONE,
    ),
    (
        -151,
        K.NETWORK_MEETING,
        "Nätverksträff för sociala företag i Piteå",
        "enterprise-networks",
        [COOMPANION, "Piteå kommun"],
        PITEA,
        "Snickeriet, Sundsgatan 18, Piteå",
        "13:00",
        "16:00",
        30,
        14,
        Event.Audience.ENTERPRISES,
    ),
    (
        -130,
        K.BREAKFAST_MEETING,
        "Frukostmöte: sociala företag och offentlig upphandling",
        "procurement",
        [COORDINATION_ASSOCIATION],
        LULEA,
        "Stadshuset, Luleå",
        "07:30",
        "09:00",
        40,
        22,
        Event.Audience.EVERYONE,
    ),
    (
        -116,
        K.STEERING_GROUP_MEETING,
        "Styrgruppsmöte, våren",
        "coordination",
        [COORDINATION_ASSOCIATION],
        LULEA,
        "Samordningsförbundet, Luleå",
        "10:00",
        "12:00",
        12,
        8,
        Event.Audience.PUBLIC_SECTOR,
    ),
    (
        -95,
        K.ASF_SCHOOL,
        "ASF-skolan: att driva ett arbetsintegrerande socialt företag",
        "asf-school",
        [COOMPANION],
        BODEN,
        "Café Kvarnen, Boden",
        "09:00",
        "15:00",
        16,
        13,
        Event.Audience.ENTERPRISES,
    ),
    (
        -81,
        K.SUPERVISOR_TRAINING,
        "Handledarutbildning i Piteå",
        "supervisor-training",
        [COORDINATION_ASSOCIATION, COOMPANION, "Piteå kommun"],
        PITEA,
        "Piteå Stadshotell",
        "09:00",
        "16:00",
        24,
        24,
        Event.Audience.EVERYONE,
    ),
    (
        -60,
        K.SEMINAR,
        "Seminarium: reserverad upphandling enligt LOU 4 kap. 18 §",
        "procurement",
        [COORDINATION_ASSOCIATION, ALMI, "Region Norrbotten"],
        LULEA,
        "Luleå tekniska universitet",
        "13:00",
        "16:00",
        60,
        31,
        Event.Audience.EVERYONE,
    ),
    (
        -46,
        K.STUDY_VISIT,
        "Studiebesök hos Återbruket i Boden",
        "enterprise-networks",
        [COOMPANION],
        BODEN,
        "Återbruket, Kungsgatan 40, Boden",
        "10:00",
        "14:00",
        20,
        17,
        Event.Audience.EVERYONE,
    ),
    (
        -31,
        K.WORKSHOP,
        "Workshop: sälj och marknadsföring för sociala företag",
        "sales-marketing",
        [ALMI, COOMPANION],
        LULEA,
        "Almi, Storgatan 11, Luleå",
        "09:00",
        "12:00",
        18,
        15,
        Event.Audience.ENTERPRISES,
    ),
    (
        -10,
        K.NETWORK_MEETING,
        "Nätverksträff i Boden och Älvsbyn",
        "actor-networks",
        [COOMPANION, COORDINATION_ASSOCIATION, "Bodens kommun", "Älvsbyns kommun", "Piteå kommun"],
        ALVSBYN,
        "Kommunhuset, Älvsbyn",
        "13:00",
        "16:00",
        30,
        12,
        Event.Audience.EVERYONE,
    ),
    (
        9,
        K.BREAKFAST_MEETING,
        "Frukostmöte: mentorer och företagscoacher",
        "mentoring",
        [ALMI],
        LULEA,
        "Almi, Storgatan 11, Luleå",
        "07:30",
        "09:00",
        35,
        9,
        Event.Audience.ENTERPRISES,
    ),
    (
        22,
        K.SUPERVISOR_TRAINING,
        "Handledarutbildning i Boden",
        "supervisor-training",
        [COORDINATION_ASSOCIATION, COOMPANION],
        BODEN,
        "Bodens kommunhus, sessionssalen",
        "09:00",
        "16:00",
        20,
        23,
        Event.Audience.EVERYONE,
    ),
    (
        36,
        K.STEERING_GROUP_MEETING,
        "Styrgruppsmöte, hösten",
        "coordination",
        [COORDINATION_ASSOCIATION],
        LULEA,
        "Samordningsförbundet, Luleå",
        "10:00",
        "12:00",
        12,
        5,
        Event.Audience.PUBLIC_SECTOR,
    ),
    (
        51,
        K.CONFERENCE,
        "Regional konferens om socialt företagande i Norrbotten",
        "actor-networks",
        [COORDINATION_ASSOCIATION, COOMPANION, "Region Norrbotten"],
        LULEA,
        "Kulturens hus, Luleå",
        "09:00",
        "16:30",
        150,
        40,
        Event.Audience.EVERYONE,
    ),
    (
        72,
        K.ASF_SCHOOL,
        "ASF-skolan: ekonomi, avtal och arbetsträning",
        "asf-school",
        [COOMPANION],
        PITEA,
        "Kök & Kompani, Storgatan 51, Piteå",
        "09:00",
        "15:00",
        16,
        6,
        Event.Audience.ENTERPRISES,
    ),
    (
        96,
        K.COURSE,
        "Kurs: styrelsearbete i ekonomisk förening",
        "board",
        [COOMPANION],
        LULEA,
        "Coompanion, Luleå",
        "17:30",
        "20:30",
        20,
        4,
        Event.Audience.ENTERPRISES,
    ),
    (
        123,
        K.STUDY_VISIT,
        "Studiebesök hos Trädgårdsgänget i Älvsbyn",
        "enterprise-networks",
        [COOMPANION],
        ALVSBYN,
        "Trädgårdsgänget, Storgatan 15, Älvsbyn",
        "10:00",
        "14:00",
        20,
        2,
        Event.Audience.EVERYONE,
    ),
    (
        151,
        K.NETWORK_MEETING,
        "Nätverksträff för sociala företag i Luleå",
        "enterprise-networks",
        [COOMPANION],
        LULEA,
        "Cykelverkstaden, Skeppsbrogatan 30, Luleå",
        "13:00",
        "16:00",
        30,
        0,
        Event.Audience.ENTERPRISES,
    ),
    (
        176,
        K.SUPERVISOR_TRAINING,
        "Handledarutbildning i Älvsbyn",
        "supervisor-training",
        [COORDINATION_ASSOCIATION, COOMPANION],
        ALVSBYN,
        "Älvsbyns folkhögskola",
        "09:00",
        "16:00",
        24,
        0,
        Event.Audience.EVERYONE,
    ),
]

DESCRIPTIONS = {
    K.SUPERVISOR_TRAINING: (
        "En dag för dig som handleder personer i arbetsträning på ett socialt företag eller i "
        "kommunen: bemötande, tydliga uppgifter, anpassningar och uppföljning. Med övningar "
        "och erfarenheter från företagen i regionen."
    ),
    K.NETWORK_MEETING: (
        "Träffa andra sociala företag och stödaktörer. Vi delar erfarenheter, ställer frågor "
        "och hittar samarbeten."
    ),
    K.BREAKFAST_MEETING: "Frukost, en kort inledning och samtal. Välkommen!",
    K.STEERING_GROUP_MEETING: (
        "Styrgruppens möte: lägesrapport, prioriteringar och budget för stödstrukturen."
    ),
    K.ASF_SCHOOL: (
        "ASF-skolan ger grunderna för att driva ett arbetsintegrerande socialt företag: "
        "affärsidé, organisation, ekonomi och samverkan med offentlig sektor."
    ),
    K.SEMINAR: "Ett seminarium med föreläsning och frågor.",
    K.STUDY_VISIT: "Vi besöker ett socialt företag och lär oss hur de arbetar.",
    K.WORKSHOP: "En praktisk workshop i små grupper.",
    K.CONFERENCE: (
        "Regionens mötesplats för socialt företagande: företag, kommuner, myndigheter och "
        "stödaktörer om hur fler får arbete."
    ),
    K.COURSE: "En kurs på tre kvällar.",
}

FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Johan",
    "Karin",
    "Lars",
    "Sara",
    "Per",
    "Elin",
    "Nils",
    "Lena",
    "Mikael",
    "Emma",
    "Anders",
    "Linnea",
    "Jonas",
    "Ida",
    "Olof",
    "Hanna",
    "Peter",
]
LAST_NAMES = [
    "Lindberg",
    "Nilsson",
    "Berglund",
    "Lundström",
    "Öberg",
    "Holmgren",
    "Sundqvist",
    "Marklund",
    "Lindqvist",
    "Bergström",
    "Nyström",
    "Isaksson",
    "Forsberg",
    "Sandberg",
]
MUNICIPAL = ["Luleå kommun", "Piteå kommun", "Bodens kommun", "Älvsbyns kommun"]
AUTHORITIES = [
    "Arbetsförmedlingen, Luleå",
    "Försäkringskassan, Norrbotten",
    "Region Norrbotten",
    COORDINATION_ASSOCIATION,
]


def _attendee_organisations(kind: str, enterprises: list[str]) -> list[str]:
    """Who comes to which kind of event; supervisor trainings fill with the municipalities."""
    if kind == K.SUPERVISOR_TRAINING:
        return MUNICIPAL * 3 + enterprises[:6] + AUTHORITIES[:2]
    if kind == K.STEERING_GROUP_MEETING:
        return AUTHORITIES + MUNICIPAL
    if kind in (K.ASF_SCHOOL, K.NETWORK_MEETING, K.WORKSHOP, K.COURSE, K.BREAKFAST_MEETING):
        return [*enterprises, "Coompanion Norrbotten", MUNICIPAL[0]]
    return enterprises + MUNICIPAL + AUTHORITIES


def _at(day, clock: str) -> datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _registrations(
    event: Event,
    count: int,
    organisations: dict[str, Organisation],
    serial: int,
    *,
    followed_up: bool,
):
    names = _attendee_organisations(
        event.kind,
        sorted(
            name
            for name, organisation in organisations.items()
            if organisation.kind == Organisation.Kind.SOCIAL_ENTERPRISE
        ),
    )
    is_past = event.is_over()
    rows = []
    for index in range(count):
        organisation = organisations[names[(index * 7 + serial) % len(names)]]
        first = FIRST_NAMES[(index + serial) % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 3 + serial) % len(LAST_NAMES)]
        confirmed = event.capacity is None or index < event.capacity
        came = confirmed and is_past and index % 9 != 4
        rows.append(
            Registration(
                event=event,
                name=f"{first} {last}",
                email=f"deltagare{serial:02d}{index:03d}@exempel.test",
                organisation=organisation,
                municipality=organisation.municipality,
                needs="Vegetarisk kost" if index % 6 == 1 else "",
                status=(
                    Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITING
                ),
                attended=(came if confirmed and followed_up else None),
                created_at=event.starts_at - timedelta(days=30 - index % 25),
                status_changed_at=event.starts_at - timedelta(days=30 - index % 25),
            )
        )
    Registration.objects.bulk_create(rows)


def _evaluate(event: Event, serial: int) -> None:
    """Send the evaluation the day after, let two in three answer, close it two weeks later."""
    sent = event.ends_at + timedelta(days=1)
    survey = evaluation_survey_create(event=event, now=sent)
    # Answered as if in those two weeks; the answers need an open round today.
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + timedelta(days=1))
    survey.refresh_from_db()
    questions = {question.key: question.pk for question in survey.questions.current()}
    for index, invitation in enumerate(survey.invitations.order_by("email")):
        if (index + serial) % 3 == 0:
            continue
        values = {
            questions["usefulness"]: 3 + (index + serial) % 3,
            questions["recommend"]: "no" if (index + serial) % 7 == 1 else "yes",
        }
        if (index + serial) % 5 == 2:
            values[questions["change"]] = "Mer tid för frågor och fler exempel från företagen."
        survey_services.response_save(
            response=survey_services.response_for_invitation(invitation),
            values=values,
            submit=True,
        )
    Survey.objects.filter(pk=survey.pk).update(
        status=Survey.Status.CLOSED, opens_at=sent, closes_at=sent + timedelta(days=14)
    )
    survey.invitations.update(sent_at=sent)
    survey.responses.update(submitted_on=timezone.localdate(sent) + timedelta(days=2))


def _demo_user_registrations(event: Event, emails: list[str]) -> None:
    for email in emails:
        user = User.objects.filter(email=email).first()
        if user is None or event.registrations.filter(email=email).exists():
            continue
        membership = user.memberships.select_related("organisation").first()
        organisation = membership.organisation if membership else None
        Registration.objects.create(
            event=event,
            user=user,
            name=user.get_full_name(),
            email=email,
            organisation=organisation,
            municipality=organisation.municipality if organisation else None,
            status=Registration.Status.CONFIRMED,
        )


def seed(stdout) -> None:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    organisations = {organisation.name: organisation for organisation in Organisation.objects.all()}
    for serial, (
        offset,
        kind,
        title,
        area,
        organisers,
        municipality,
        place,
        start,
        end,
        capacity,
        registered,
        audience,
    ) in enumerate(EVENTS, 1):
        day = monday + timedelta(days=offset)
        starts_at, ends_at = _at(day, start), _at(day, end)
        event = Event.objects.filter(title=title).first() or Event(title=title)
        event.kind = kind
        event.description = DESCRIPTIONS[kind]
        event.support_area_id = area
        event.municipality_id = municipality
        event.place = place
        event.starts_at, event.ends_at = starts_at, ends_at
        event.capacity = capacity
        event.has_waiting_list = True
        event.audience = audience
        event.registration_closes_at = starts_at - timedelta(days=2)
        event.visibility = (
            Event.Visibility.MEMBERS
            if kind in Event.MEMBERS_ONLY_KINDS
            else Event.Visibility.PUBLIC
        )
        event.full_clean()
        event.save()
        # Older events have been followed up; the last past one still waits in the inbox.
        followed_up = offset < -20
        event.organisers.set([organisations[name] for name in organisers])
        if not event.registrations.exists():
            _registrations(event, registered, organisations, serial, followed_up=followed_up)
            if offset > 0 and capacity and registered < capacity:
                _demo_user_registrations(event, ["foretag@lotsen.test", "handlaggare@lotsen.test"])
        if followed_up and evaluation_survey(event) is None:
            # A demo database made before evaluations became surveys has the old
            # sending date but no survey; the survey replaces that evaluation.
            Event.objects.filter(pk=event.pk).update(evaluation_sent_at=None)
            event.evaluation_sent_at = None
            _evaluate(event, serial)
    erased = visitor_data_erase()
    stdout.write(
        f"  events: {len(EVENTS)} events with registrations; "
        f"personal data of {erased} past registrations erased"
    )
