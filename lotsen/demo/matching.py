"""Demo: a few open places with room and broad adaptations, so matching has content.

The pilot function's demo leaves participants waiting for matching whose needs the
fully booked or narrowly adapted places cannot meet; these places give each of them
explained suggestions and give the batch assignment a list to review.
"""

import datetime

from django.utils import timezone

from lotsen.organisations.models import Organisation
from lotsen.placements.models import Opening, Supervisor

PLACES = [
    (
        "Bageriet på Gültzauudden ek. för.",
        "Kafédisk och diskrum",
        "56",
        "9412",
        "2580",
        (10, 30),
        ["quiet_place", "language_support", "written_instructions", "regular_breaks"],
        ("Karin Deg", True),
    ),
    (
        "Återbruket i Boden ek. för.",
        "Prismärkning och butik",
        "47",
        "9111",
        "2582",
        (10, 30),
        ["regular_breaks", "language_support", "flexible_hours"],
        ("Per Pris", False),
    ),
    (
        "Tvätteriet Strömmen ek. för.",
        "Vikning och utkörning",
        "96",
        "9111",
        "2581",
        (8, 25),
        ["regular_breaks", "flexible_hours", "language_support", "written_instructions"],
        ("Siv Strömgren", True),
    ),
]


def seed(stdout) -> None:
    # Open since the first day of this year, whatever year the demo is seeded in.
    open_since = datetime.date(timezone.localdate().year, 1, 1)
    for enterprise, title, sni, ssyk, municipality, hours, adaptations, supervisor in PLACES:
        opening, _created = Opening.objects.update_or_create(
            enterprise=Organisation.objects.get(name=enterprise),
            title=title,
            defaults={
                "tasks": f"{title}: arbetsuppgifter i egen takt med en handledare nära.",
                "industry_id": sni,
                "occupation_id": ssyk,
                "municipality_id": municipality,
                "hours_min": hours[0],
                "hours_max": hours[1],
                "capacity": 2,
                "adaptations": adaptations,
                "languages": ["sv", "en"],
                "public_transport": True,
                "status": Opening.Status.OPEN,
                "available_from": open_since,
            },
        )
        Supervisor.objects.update_or_create(
            opening=opening, name=supervisor[0], defaults={"trained": supervisor[1]}
        )
    stdout.write(f"Matching: {len(PLACES)} open places with room for suggestions.")
