"""The demo world's participants: who they are, who referred them and what they wish for.

Everyone is fictitious; the identity numbers are valid in form only.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum import luhn

from lotsen.accounts.models import Membership, Role, User
from lotsen.demo.placements.openings import BODEN, LULEA, PITEA
from lotsen.organisations.models import Organisation
from lotsen.placements import identity, services
from lotsen.placements.models import Participant, Referral
from lotsen.support.models import SupportRequest

# Caseworkers of the other parties; they do not log in in the demo.
CASEWORKERS = [
    ("handlaggare@lotsen.test", "Hampus Handläggare", "Arbetsförmedlingen, Luleå"),
    ("fk.handlaggare@lotsen.test", "Fatima Kassa", "Försäkringskassan, Norrbotten"),
    ("pitea.handlaggare@lotsen.test", "Per Piteå", "Piteå kommun"),
    ("boden.handlaggare@lotsen.test", "Bodil Boden", "Bodens kommun"),
]

FIRST_NAMES = [
    "Anna",
    "Ali",
    "Emma",
    "Mohammed",
    "Sara",
    "Johan",
    "Leila",
    "Erik",
    "Maja",
    "Ahmed",
    "Linnea",
    "Oskar",
    "Hana",
    "Viktor",
    "Elin",
    "Yonas",
    "Ida",
    "Mikael",
    "Noor",
    "Kalle",
]
LAST_NAMES = [
    "Nilsson",
    "Hassan",
    "Lindqvist",
    "Abdi",
    "Öberg",
    "Karimi",
    "Lundström",
    "Berg",
    "Nordlund",
    "Tesfay",
    "Granström",
    "Mäkelä",
    "Sundberg",
    "Haddad",
    "Wikström",
]

# Wishes some participants stated (municipalities, SNI divisions), so matching in the demo
# shows the preference part met and missed. Set on every run: the codes are fixed.
PREFERENCES = {
    "LP-D002": ([LULEA], ["16"]),
    "LP-D006": ([BODEN, LULEA], []),
    "LP-D009": ([PITEA], ["56"]),
    "LP-D010": ([LULEA, BODEN], ["47"]),
    "LP-D011": ([], ["96"]),
    "LP-D012": ([PITEA], []),
}

# The plan of the demo world: how many participants end in each state.
SCENARIOS = (
    ["received"] * 5
    + ["intake"] * 3
    + ["matching"] * 4
    + ["referral_declined"] * 2
    + ["withdrawn"]
    + ["ended"] * 8
    + ["proposed"] * 3
    + ["accepted"] * 3
    + ["agreed"] * 2
    + ["active"] * 7
    + ["placement_declined", "cancelled"]
    + ["anonymous"] * 2
    + ["consent_withdrawn"]
)


def _identity_number(rng: random.Random, coordination: bool) -> identity.IdentityNumber:
    while True:
        birth = datetime.date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28))
        day = birth.day + (60 if coordination else 0)
        base = f"{birth:%y%m}{day:02d}{rng.randint(100, 999)}"
        try:
            return identity.parse_identity_number(base + luhn.calc_check_digit(base))
        except ValidationError:  # a rare impossible date; draw again
            continue


def _caseworkers() -> list[tuple[User, Organisation]]:
    result = []
    for email, name, party_name in CASEWORKERS:
        party = Organisation.objects.get(name=party_name)
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
        if created:
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, organisation=party, role=Role.CASEWORKER)
        result.append((user, party))
    return result


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


CONVERTED_REQUEST = "Jag vill komma tillbaka till arbetslivet"


def _convert_support_request(coordinator: User, caseworker: User, party: Organisation) -> None:
    """A request from the public form that the coordinator converted into a referral."""
    if Referral.objects.filter(support_request__subject=CONVERTED_REQUEST).exists():
        return
    support_request = SupportRequest.objects.filter(subject=CONVERTED_REQUEST).first()
    if support_request is None:
        support_request = SupportRequest(
            subject=CONVERTED_REQUEST,
            description=(
                "Jag har varit hemma länge och vill pröva att arbeta några timmar i veckan, "
                "gärna med mat eller i en butik i Piteå. Vem kan hjälpa mig?"
            ),
            channel=SupportRequest.Channel.PUBLIC_FORM,
            contact_name="Sara Lindqvist",
            contact_email="sara.lindqvist@exempel.test",
            contact_organisation="Privatperson",
            created_at=timezone.now() - datetime.timedelta(days=3),
        )
        support_request.set_due_dates()
        support_request.save()
    services.referral_open_from_support_request(
        request=support_request,
        by=coordinator,
        caseworker=caseworker,
        party=party,
        participant=Participant(
            gender="woman",
            start_year=timezone.localdate().year,
            municipality_id=PITEA,
            hours_per_week=10,
            adaptations_needed=["part_time_start"],
            languages=["sv"],
            consent_scope=Participant.ConsentScope.PLACEMENT,
            consent_date=timezone.localdate() - datetime.timedelta(days=1),
        ),
        name="Sara Lindqvist",
        number=_identity_number(random.Random("sara"), coordination=False),
        email="sara.lindqvist@exempel.test",
        reason="Vill pröva att arbeta några timmar i veckan.",
        note="Samtycke inhämtat per telefon; handläggaren kontaktar henne.",
        preferred_municipalities=[PITEA],
        preferred_industries=["56", "47"],
    )


def _state_preferences() -> None:
    # Only a participant whose consent holds may have stated wishes on record.
    consenting = Participant.objects.filter(
        code__in=PREFERENCES, consent_given=True, consent_withdrawn_on__isnull=True
    )
    for participant in consenting:
        municipalities, industries = PREFERENCES[participant.code]
        participant.preferred_municipalities.set(municipalities)
        participant.preferred_industries.set(industries)
