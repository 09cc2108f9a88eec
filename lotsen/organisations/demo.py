"""The organisations of the fictitious demo world of southern Norrbotten."""

from lotsen.core.identifiers import fictitious_org_number

from .models import Organisation

LULEA, PITEA, BODEN, ALVSBYN = "2580", "2581", "2582", "2560"
AREA_CODES = {LULEA: "0920", PITEA: "0911", BODEN: "0921", ALVSBYN: "0929"}

COORDINATION_ASSOCIATION = "Samordningsförbundet Södra Norrbotten"

PARTIES = [
    ("Samordningsförbundet Södra Norrbotten", LULEA, "info@samordning-sodranorrbotten.test"),
    ("Arbetsförmedlingen, Luleå", LULEA, "lulea@arbetsformedlingen.test"),
    ("Försäkringskassan, Norrbotten", LULEA, "norrbotten@forsakringskassan.test"),
    ("Region Norrbotten", LULEA, "kontakt@regionnorrbotten.test"),
    ("Luleå kommun", LULEA, "kommun@lulea.test"),
    ("Piteå kommun", PITEA, "kommun@pitea.test"),
    ("Älvsbyns kommun", ALVSBYN, "kommun@alvsbyn.test"),
    ("Bodens kommun", BODEN, "kommun@boden.test"),
]

SUPPORT_ACTORS = [
    ("Coompanion Norrbotten", LULEA, "norrbotten@coompanion.test"),
    ("Almi Företagspartner Nord", LULEA, "nord@almi.test"),
    ("LTU Business", LULEA, "info@ltubusiness.test"),
    ("Arctic Business Incubator", LULEA, "hello@abi.test"),
]

# (name, municipality, street address, postal code, postal town)
SOCIAL_ENTERPRISES = [
    ("Städkooperativet Norrsken ek. för.", LULEA, "Storgatan 12", "972 31", "Luleå"),
    ("Bageriet på Gültzauudden ek. för.", LULEA, "Gültzaugatan 4", "972 41", "Luleå"),
    ("Cykelverkstaden Luleå ek. för.", LULEA, "Skeppsbrogatan 30", "972 31", "Luleå"),
    ("Snickeriet i Piteå ek. för.", PITEA, "Sundsgatan 18", "941 32", "Piteå"),
    ("Kök & Kompani Piteå ek. för.", PITEA, "Storgatan 51", "941 32", "Piteå"),
    ("Tvätteriet Strömmen ek. för.", PITEA, "Hamngatan 7", "941 33", "Piteå"),
    ("Hantverkshuset Öjebyn", PITEA, "Öjebyvägen 22", "943 31", "Öjebyn"),
    ("Återbruket i Boden ek. för.", BODEN, "Kungsgatan 40", "961 33", "Boden"),
    ("Café Kvarnen ek. för.", BODEN, "Drottninggatan 9", "961 35", "Boden"),
    ("Fastighetsservice Sörbyn ek. för.", BODEN, "Sörbyvägen 3", "961 50", "Boden"),
    ("Trädgårdsgänget Älvsbyn ek. för.", ALVSBYN, "Storgatan 15", "942 31", "Älvsbyn"),
    ("Nålen & Tråden Älvsbyn ek. för.", ALVSBYN, "Järnvägsgatan 6", "942 32", "Älvsbyn"),
    ("Skogsgruppen Vidsel ek. för.", ALVSBYN, "Byvägen 2", "942 91", "Vidsel"),
    ("Flyttgruppen Norr ek. för.", LULEA, "Banvägen 11", "973 46", "Luleå"),
]


def _upsert(name: str, kind: str, **fields) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first() or Organisation(name=name)
    organisation.kind = kind
    for field, value in fields.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def seed(stdout) -> None:
    for name, municipality, email in PARTIES:
        _upsert(name, Organisation.Kind.PARTY, municipality_id=municipality, email=email)
    for name, municipality, email in SUPPORT_ACTORS:
        _upsert(name, Organisation.Kind.SUPPORT_ACTOR, municipality_id=municipality, email=email)
    for serial, (name, municipality, street, postal_code, town) in enumerate(SOCIAL_ENTERPRISES, 1):
        _upsert(
            name,
            Organisation.Kind.SOCIAL_ENTERPRISE,
            municipality_id=municipality,
            org_number=fictitious_org_number(serial),
            street_address=street,
            postal_code=postal_code,
            postal_town=town,
            phone=f"{AREA_CODES[municipality]}-{serial:02d} 10 00",
        )
    stdout.write(
        f"  organisations: {len(PARTIES)} parties, {len(SUPPORT_ACTORS)} support actors, "
        f"{len(SOCIAL_ENTERPRISES)} social enterprises"
    )
