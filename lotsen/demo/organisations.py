"""The organisations of the fictitious demo world of southern Norrbotten."""

import datetime

from django.db import transaction

from lotsen.core.identifiers import fictitious_org_number
from lotsen.core.models import Industry, SupportArea
from lotsen.organisations.models import (
    ActorMapping,
    Organisation,
    Service,
    SocialEnterprise,
    VerificationStatus,
)

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
    ("Möbelverkstan Norrfjärden ek. för.", PITEA, "Kustvägen 5", "945 31", "Norrfjärden"),
    ("Grönt & Gott i Boden ek. för.", BODEN, "Heden 14", "961 92", "Boden"),
    ("Datoråterbruket Luleå AB (svb)", LULEA, "Industrigatan 8", "973 45", "Luleå"),
    ("Vävstugan Älvsbyn", ALVSBYN, "Parkgatan 3", "942 33", "Älvsbyn"),
]

EA, NPA, AB_SVB = "economic_association", "non_profit_association", "limited_company_restricted"

# The directory profile of each enterprise: (legal form, SNI 2007 codes, services, founded,
# staff, of whom from the target group, SKOOPI certified since, work-training places,
# target groups, municipalities served, verified, description). Staff numbers are chosen so
# that some companies reach the 30 % of LOU 4 kap. 18 § and some do not.
PROFILES = {
    "Städkooperativet Norrsken ek. för.": (
        EA,
        ["81210", "81221"],
        ["städning", "fönsterputs", "flyttstädning"],
        2009,
        12,
        7,
        "2015-03-01",
        3,
        ["long_term_unemployed", "mental_health"],
        [LULEA, BODEN],
        True,
        (
            "Vi städar kontor, trapphus och hem i Luleå och Boden. Alla "
            "som arbetar hos oss har själva tagit sig tillbaka till "
            "arbetslivet."
        ),
    ),
    "Bageriet på Gültzauudden ek. för.": (
        EA,
        ["10710"],
        ["bröd", "fika", "catering"],
        2014,
        8,
        5,
        "2018-09-15",
        2,
        ["disability", "newly_arrived"],
        [LULEA],
        True,
        (
            "Surdegsbröd, bullar och fikabröd bakat för hand. Vi "
            "levererar till kaféer, skolor och möten."
        ),
    ),
    "Cykelverkstaden Luleå ek. för.": (
        EA,
        ["95290", "47642"],
        ["cykelreparation", "begagnade cyklar"],
        2016,
        6,
        4,
        None,
        2,
        ["young_adults", "long_term_unemployed"],
        [LULEA],
        True,
        "Vi lagar och säljer begagnade cyklar och servar företagens och kommunens cykelflottor.",
    ),
    "Snickeriet i Piteå ek. för.": (
        EA,
        ["43320", "16230"],
        ["snickeri", "möbelrenovering", "inredning"],
        2011,
        10,
        4,
        "2016-05-20",
        3,
        ["disability", "mental_health", "long_term_sick"],
        [PITEA, ALVSBYN],
        True,
        (
            "Snickeriet bygger inredning, altaner och möbler på "
            "beställning och renoverar gamla möbler. Arbetsträning med "
            "handledare som själva har gått samma väg."
        ),
    ),
    "Kök & Kompani Piteå ek. för.": (
        EA,
        ["56100", "56210"],
        ["lunchrestaurang", "catering"],
        2013,
        9,
        2,
        None,
        2,
        ["newly_arrived"],
        [PITEA],
        True,
        "Lunchrestaurang med husmanskost och catering till möten och fester.",
    ),
    "Tvätteriet Strömmen ek. för.": (
        EA,
        ["96011"],
        ["tvätt", "mangling", "textilservice"],
        2008,
        14,
        9,
        "2012-11-01",
        4,
        ["disability", "long_term_sick"],
        [PITEA, LULEA],
        True,
        "Tvätt och mangling för restauranger, hotell och äldreboenden.",
    ),
    "Hantverkshuset Öjebyn": (
        NPA,
        ["16290", "47789"],
        ["hantverk", "träslöjd", "presenter"],
        2005,
        4,
        1,
        None,
        0,
        [],
        [PITEA],
        False,
        "Butik och verkstad för lokalt hantverk i trä, textil och keramik.",
    ),
    "Återbruket i Boden ek. för.": (
        EA,
        ["47792", "38320"],
        ["second hand", "återbruk", "hämtning"],
        2012,
        11,
        6,
        "2019-02-01",
        4,
        ["long_term_unemployed", "addiction"],
        [BODEN],
        True,
        (
            "Second hand-butik och hämtning av möbler och prylar. Det som "
            "inte säljs tar vi isär och återvinner."
        ),
    ),
    "Café Kvarnen ek. för.": (
        EA,
        ["56100"],
        ["kafé", "fika", "konferens"],
        2017,
        5,
        3,
        None,
        2,
        ["young_adults", "mental_health"],
        [BODEN],
        False,
        "Kafé och mötesplats i centrala Boden med lokal för möten upp till 20 personer.",
    ),
    "Fastighetsservice Sörbyn ek. för.": (
        EA,
        ["81300", "43320"],
        ["fastighetsskötsel", "snöröjning", "gräsklippning"],
        2010,
        13,
        3,
        None,
        3,
        ["long_term_unemployed"],
        [BODEN, LULEA],
        True,
        "Fastighetsskötsel, snöröjning och grönyteskötsel för bostadsbolag och föreningar.",
    ),
    "Trädgårdsgänget Älvsbyn ek. för.": (
        EA,
        ["81300", "01133"],
        ["trädgårdsskötsel", "grönsaker"],
        2015,
        7,
        5,
        "2020-06-01",
        3,
        ["disability", "newly_arrived"],
        [ALVSBYN, PITEA],
        True,
        "Vi sköter trädgårdar och parker och odlar grönsaker som vi säljer på torget.",
    ),
    "Nålen & Tråden Älvsbyn ek. för.": (
        EA,
        ["14130", "13921"],
        ["sömnad", "ändringsskrädderi", "gardiner"],
        2018,
        3,
        2,
        None,
        1,
        ["newly_arrived"],
        [ALVSBYN],
        False,
        "Sömnad, lagning och ändring av kläder, och gardiner på beställning.",
    ),
    "Skogsgruppen Vidsel ek. för.": (
        EA,
        ["02109", "02409"],
        ["röjning", "skogsvård", "ved"],
        2012,
        6,
        2,
        None,
        2,
        ["long_term_unemployed", "young_adults"],
        [ALVSBYN, BODEN],
        True,
        "Röjning, plantering och vedförsäljning i Älvsbyn och Boden.",
    ),
    "Flyttgruppen Norr ek. för.": (
        EA,
        ["49420", "52100"],
        ["flytt", "magasinering", "bärhjälp"],
        2014,
        10,
        5,
        None,
        3,
        ["long_term_unemployed", "addiction"],
        [LULEA, BODEN, PITEA],
        True,
        "Flytt, bärhjälp och magasinering för privatpersoner, företag och kommuner.",
    ),
    "Möbelverkstan Norrfjärden ek. för.": (
        EA,
        ["31090", "16230"],
        ["snickeri", "möbler"],
        2019,
        4,
        1,
        None,
        0,
        [],
        [PITEA],
        False,
        "Vi tillverkar möbler i massivt trä från Norrbotten.",
    ),
    "Grönt & Gott i Boden ek. för.": (
        EA,
        ["01134", "10890"],
        ["grönsaker", "sylt och saft", "matkassar"],
        2020,
        5,
        3,
        None,
        2,
        ["mental_health", "long_term_sick"],
        [BODEN],
        True,
        "Växthusodling och förädling av bär och grönsaker till saft, sylt och matkassar.",
    ),
    "Datoråterbruket Luleå AB (svb)": (
        AB_SVB,
        ["95110", "47792"],
        ["datorer", "it-återbruk", "dataradering"],
        2016,
        9,
        3,
        "2021-04-01",
        2,
        ["disability", "young_adults"],
        [LULEA, BODEN, PITEA, ALVSBYN],
        True,
        "Vi raderar, reparerar och säljer begagnade datorer från kommuner och företag.",
    ),
    "Vävstugan Älvsbyn": (
        NPA,
        ["13200", "47789"],
        ["vävning", "textilhantverk", "kurser"],
        1998,
        2,
        1,
        None,
        2,
        ["disability", "long_term_sick"],
        [ALVSBYN],
        False,
        "Vävstuga med försäljning av handvävda textilier och kurser för nybörjare.",
    ),
}

# The study's own judgements of the actors around the enterprises (§9.1), on 1–4 scales.
# (organisation, role, knowledge of ASF, interest, support areas, notes)
ACTOR_MAPPINGS = [
    (
        "Coompanion Norrbotten",
        "cooperative_development",
        4,
        4,
        ["advice", "training", "board", "asf-school", "law-finance"],
        (
            "Initiativtagare till förstudien tillsammans med "
            "Samordningsförbundet. Rådgivning till kooperativ och sociala "
            "företag."
        ),
    ),
    (
        "Samordningsförbundet Södra Norrbotten",
        "party",
        3,
        4,
        ["coordination", "supervisor-training", "actor-networks"],
        "Driver stödstrukturen och samordnar parterna.",
    ),
    (
        "Almi Företagspartner Nord",
        "business_promotion",
        1,
        2,
        ["advice", "law-finance"],
        (
            "Majoriteten av medarbetarna har liten förståelse och insikt; "
            "dialog och kommunikation behövs. Goda exempel viktiga, t.ex. "
            "Sömnadskollektivet. Förslag: anordna utbildning för "
            "företagsfrämjare."
        ),
    ),
    (
        "LTU Business",
        "academia",
        3,
        3,
        ["mentoring", "advice"],
        (
            "Lyfter sociala företag i sitt framtida strategiarbete; 5–6 "
            "personer arbetar med målgruppen. Intresserade av ett "
            "ekosystem av stöttande aktörer och av generell samverkan; "
            "arbetar i uppdrag och projekt."
        ),
    ),
    (
        "Arctic Business Incubator",
        "incubator",
        1,
        1,
        [],
        (
            "Ser sig inte som en naturlig part i samverkan för ASF, med "
            "sin inriktning på skalbara exporterande företag."
        ),
    ),
    (
        "Luleå kommun",
        "business_office",
        2,
        3,
        ["actor-networks", "procurement"],
        (
            "Näringslivskontoret: behov av mer kunskap i organisationen "
            "och politiska beslut för att lyfta området. Kan koppla in "
            "sina nätverk och synka med traditionellt företagsfrämjande. "
            "Har en avsatt resurs för sociala företag (§8.1)."
        ),
    ),
    (
        "Piteå kommun",
        "business_office",
        2,
        3,
        ["actor-networks", "procurement"],
        (
            "Näringslivskontoret: behov av mer kunskap i organisationen "
            "och politiska beslut för att lyfta området."
        ),
    ),
    (
        "Bodens kommun",
        "business_office",
        2,
        2,
        ["actor-networks"],
        (
            "Näringslivskontoret: behov av mer kunskap i organisationen "
            "och politiska beslut för att lyfta området."
        ),
    ),
    (
        "Älvsbyns kommun",
        "business_office",
        2,
        2,
        ["actor-networks"],
        (
            "Näringslivskontoret: behov av mer kunskap i organisationen "
            "och politiska beslut för att lyfta området."
        ),
    ),
    (
        "Region Norrbotten",
        "party",
        2,
        3,
        ["training", "actor-networks"],
        "Part i samordningsförbundet; regionalt utvecklingsansvar för socialt företagande.",
    ),
    (
        "Arbetsförmedlingen, Luleå",
        "party",
        3,
        3,
        ["authority-contacts"],
        "Anvisar deltagare till arbetsträning hos företagen.",
    ),
    (
        "Försäkringskassan, Norrbotten",
        "party",
        2,
        2,
        ["authority-contacts"],
        "Part i samordningsförbundet.",
    ),
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
    for name, fields in PROFILES.items():
        _seed_profile(Organisation.objects.get(name=name), *fields)
    for name, role, knowledge, interest, areas, notes in ACTOR_MAPPINGS:
        mapping, _created = ActorMapping.objects.update_or_create(
            organisation=Organisation.objects.get(name=name),
            defaults={
                "support_role": role,
                "knowledge": knowledge,
                "interest": interest,
                "notes": notes,
                "last_contact": datetime.date(2021, 3, 15),
            },
        )
        mapping.support_areas.set(SupportArea.objects.filter(code__in=areas))
    stdout.write(
        f"  organisations: {len(PARTIES)} parties, {len(SUPPORT_ACTORS)} support actors, "
        f"{len(SOCIAL_ENTERPRISES)} social enterprises with profiles, "
        f"{len(ACTOR_MAPPINGS)} mapped actors"
    )


@transaction.atomic
def _seed_profile(
    organisation,
    legal_form,
    sni_codes,
    services,
    founded,
    staff,
    from_target_group,
    certified_on,
    places,
    target_groups,
    served,
    verified,
    description,
) -> None:
    profile, _created = SocialEnterprise.objects.update_or_create(
        organisation=organisation,
        defaults={
            "legal_form": legal_form,
            "purpose_work_integration": True,
            "staff_participation": True,
            "profits_reinvested": True,
            "independent_of_public_sector": True,
            "skoopi_member": certified_on is not None or legal_form == EA,
            "certified_on": datetime.date.fromisoformat(certified_on) if certified_on else None,
            "founded_year": founded,
            "staff_count": staff,
            "staff_from_target_group": from_target_group,
            "takes_trainees": places > 0,
            "trainee_capacity": places,
            "target_groups": target_groups,
            "languages": "svenska, engelska"
            if "newly_arrived" not in target_groups
            else "svenska, engelska, arabiska, somaliska",
            "premises_accessibility": "Entré i markplan utan trappsteg." if places else "",
            "description": description,
            "is_public": True,
            "verification_status": VerificationStatus.VERIFIED
            if verified
            else VerificationStatus.PENDING,
            "verified_at": datetime.datetime(2021, 4, 1, 9, tzinfo=datetime.UTC)
            if verified
            else None,
        },
    )
    profile.industries.set(Industry.objects.filter(code__in=sni_codes))
    profile.services.set(Service.from_names(services))
    profile.municipalities_served.set(served)
    profile.refresh_search_text()
