"""The demo world's work-training places and the supervisors at them."""

import datetime
import random

from django.utils import timezone

from lotsen.organisations.models import Organisation
from lotsen.placements.models import Opening, Placement, Supervisor

PITEA, LULEA, BODEN, ALVSBYN = "2581", "2580", "2582", "2560"

# (enterprise, title, SNI division, SSYK unit, municipality, address, hours, capacity,
#  adaptations, languages, public transport, supervisors [(name, trained)])
OPENINGS = [
    (
        "Snickeriet i Piteå ek. för.",
        "Snickeri och möbelrenovering",
        "16",
        "7522",
        PITEA,
        "Sundsgatan 18",
        (10, 30),
        4,
        ["quiet_place", "part_time_start", "written_instructions"],
        ["sv", "fi"],
        True,
        [("Frida Företagare", True), ("Olle Hyvel", False)],
    ),
    (
        "Snickeriet i Piteå ek. för.",
        "Lager och leveranser",
        "47",
        "9111",
        PITEA,
        "Sundsgatan 18",
        (8, 20),
        2,
        ["flexible_hours", "physical"],
        ["sv"],
        True,
        [("Olle Hyvel", False)],
    ),
    (
        "Städkooperativet Norrsken ek. för.",
        "Lokalvård",
        "81",
        "9111",
        LULEA,
        "Storgatan 12",
        (10, 30),
        3,
        ["flexible_hours", "part_time_start", "language_support"],
        ["sv", "ar", "so"],
        True,
        [("Amina Yusuf", True)],
    ),
    (
        "Bageriet på Gültzauudden ek. för.",
        "Bageri och servering",
        "10",
        "7612",
        LULEA,
        "Gültzaugatan 4",
        (15, 30),
        2,
        ["written_instructions", "regular_breaks"],
        ["sv", "en"],
        True,
        [("Lars Deg", True)],
    ),
    (
        "Cykelverkstaden Luleå ek. för.",
        "Cykelreparation",
        "95",
        "8329",
        LULEA,
        "Skeppsbrogatan 30",
        (10, 25),
        3,
        ["quiet_place", "extra_supervision"],
        ["sv", "en"],
        True,
        [("Nils Ekerström", False)],
    ),
    (
        "Kök & Kompani Piteå ek. för.",
        "Restaurangkök",
        "56",
        "9412",
        PITEA,
        "Storgatan 51",
        (15, 35),
        3,
        ["part_time_start", "language_support"],
        ["sv", "ar", "ti"],
        True,
        [("Maria Kastrull", True)],
    ),
    (
        "Tvätteriet Strömmen ek. för.",
        "Tvätt och mangling",
        "96",
        "9111",
        PITEA,
        "Hamngatan 7",
        (8, 25),
        2,
        ["quiet_place", "regular_breaks"],
        ["sv"],
        False,
        [("Eva Mangel", False)],
    ),
    (
        "Återbruket i Boden ek. för.",
        "Second hand och sortering",
        "47",
        "9111",
        BODEN,
        "Kungsgatan 40",
        (8, 30),
        4,
        ["flexible_hours", "part_time_start", "physical"],
        ["sv", "uk", "ru"],
        True,
        [("Petra Återbrukare", True)],
    ),
    (
        "Café Kvarnen ek. för.",
        "Café och kassa",
        "56",
        "9412",
        BODEN,
        "Drottninggatan 9",
        (10, 25),
        2,
        ["written_instructions"],
        ["sv", "en"],
        True,
        [("Kalle Kaffe", False)],
    ),
    (
        "Fastighetsservice Sörbyn ek. för.",
        "Fastighetsskötsel",
        "81",
        "5152",
        BODEN,
        "Sörbyvägen 3",
        (15, 40),
        2,
        ["extra_supervision"],
        ["sv"],
        False,
        [("Göran Nyckel", True)],
    ),
    (
        "Trädgårdsgänget Älvsbyn ek. för.",
        "Trädgård och grönytor",
        "81",
        "6113",
        ALVSBYN,
        "Storgatan 15",
        (10, 30),
        3,
        ["flexible_hours", "regular_breaks"],
        ["sv", "fi", "se"],
        False,
        [("Rut Rabatt", True)],
    ),
    (
        "Nålen & Tråden Älvsbyn ek. för.",
        "Sömnad och reparationer",
        "96",
        "7532",
        ALVSBYN,
        "Järnvägsgatan 6",
        (8, 20),
        2,
        ["quiet_place", "written_instructions"],
        ["sv", "fa"],
        True,
        [("Siri Söm", False)],
    ),
]


def _openings() -> list[Opening]:
    openings = []
    for (
        enterprise,
        title,
        sni,
        ssyk,
        municipality,
        address,
        hours,
        capacity,
        adaptations,
        languages,
        transport,
        supervisors,
    ) in OPENINGS:
        opening, _created = Opening.objects.update_or_create(
            enterprise=Organisation.objects.get(name=enterprise),
            title=title,
            defaults={
                "tasks": f"{title}: arbetsuppgifter i en lugn och stöttande arbetsgrupp.",
                "industry_id": sni,
                "occupation_id": ssyk,
                "municipality_id": municipality,
                "street_address": address,
                "hours_min": hours[0],
                "hours_max": hours[1],
                "capacity": capacity,
                "adaptations": adaptations,
                "languages": languages,
                "public_transport": transport,
                "status": Opening.Status.OPEN,
                "available_from": datetime.date(timezone.localdate().year, 1, 1),
            },
        )
        for name, trained in supervisors:
            Supervisor.objects.update_or_create(
                opening=opening, name=name, defaults={"trained": trained}
            )
        openings.append(opening)
    return openings


def _free_opening(openings: list[Opening], rng: random.Random, prefer: Opening | None):
    candidates = ([prefer] if prefer else []) + rng.sample(openings, len(openings))
    for opening in candidates:
        taken = opening.placements.filter(status__in=Placement.SEAT_HOLDING).count()
        if taken < opening.capacity - (1 if opening == openings[0] else 0):
            return opening
    raise RuntimeError("the demo openings are full")
