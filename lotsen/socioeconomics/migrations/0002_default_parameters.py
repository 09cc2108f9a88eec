"""The default parameters of the socio-economic estimate, with their public sources.

Every value is a starting point marked as an estimate to review (decision 0110): the
coordinator checks it against the region's own figures and edits it on the method page.
The low case is the cautious one, so for a cost it is the larger number.
"""

import datetime
from decimal import Decimal

from django.db import migrations
from django.utils import timezone

REVIEW = "Standardvärde att granska mot regionens egna siffror. "

# key, actor, unit, low, central, high, min, max, source title, publisher, address, date, note
DEFAULTS = [
    (
        "social_assistance_per_household", "municipality", "kr_year",
        75000, 80000, 85000, 0, 300000,
        "Statistik om ekonomiskt bistånd 2024", "Socialstyrelsen",
        "https://www.socialstyrelsen.se/statistik-och-data/statistik/statistikamnen/ekonomiskt-bistand/",
        datetime.date(2025, 5, 28),
        "Utbetalt ekonomiskt bistånd per biståndshushåll och år i riket, avrundat.",
    ),
    (
        "social_assistance_share", "municipality", "percent",
        20, 30, 40, 0, 100,
        "Lotsfunktionens uppföljning: försörjning vid start", "Samordningsförbundet (antagande)",
        "", None,
        "Andel av deltagarna som hade ekonomiskt bistånd före insatsen; jämför lotsfunktionens "
        "registrering av försörjningskälla vid start.",
    ),
    (
        "sickness_benefit_per_person", "social_insurance", "kr_year",
        110000, 130000, 150000, 0, 400000,
        "Socialförsäkringen i siffror 2025", "Försäkringskassan",
        "https://www.forsakringskassan.se/statistik-och-analys",
        datetime.date(2025, 6, 1),
        "Genomsnittlig utbetalning per år av sjukpenning och aktivitetsersättning till den som "
        "har ersättningen, avrundat.",
    ),
    (
        "sickness_benefit_share", "social_insurance", "percent",
        20, 25, 30, 0, 100,
        "Lotsfunktionens uppföljning: försörjning vid start", "Samordningsförbundet (antagande)",
        "", None,
        "Andel av deltagarna som hade sjukpenning, sjuk- eller aktivitetsersättning före insatsen.",
    ),
    (
        "activity_support_per_person", "employment_service", "kr_year",
        80000, 95000, 110000, 0, 300000,
        "Aktivitetsstöd, utvecklingsersättning och etableringsersättning – belopp 2026",
        "Försäkringskassan och Arbetsförmedlingen",
        "https://www.forsakringskassan.se/privatperson/arbetssokande",
        datetime.date(2026, 1, 1),
        "Lägsta aktivitetsstöd 365 kr per dag, fem dagar i veckan hela året, ger cirka 95 000 kr. "
        "Stödet betalas ut av Försäkringskassan men belastar Arbetsförmedlingens anslag.",
    ),
    (
        "activity_support_share", "employment_service", "percent",
        30, 35, 40, 0, 100,
        "Lotsfunktionens uppföljning: försörjning vid start", "Samordningsförbundet (antagande)",
        "", None,
        "Andel av deltagarna som hade aktivitetsstöd eller utvecklingsersättning före insatsen.",
    ),
    (
        "wage_subsidy_per_person", "employment_service", "kr_year",
        90000, 60000, 30000, 0, 400000,
        "Arbetsförmedlingens årsredovisning 2024", "Arbetsförmedlingen",
        "https://arbetsformedlingen.se/om-oss/var-verksamhet/styrning-och-resultat/"
        "arbetsformedlingens-arsredovisning",
        datetime.date(2025, 2, 21),
        "Lönestöd och nystartsjobb fördelade på alla som gått till arbete, även de utan stöd. "
        "En kostnad: det försiktiga (låga) fallet har det högsta beloppet.",
    ),
    (
        "yearly_wage", "general", "kr_year",
        220000, 280000, 340000, 0, 1000000,
        "Lönestrukturstatistik, hela ekonomin 2024", "SCB",
        "https://www.scb.se/hitta-statistik/statistik-efter-amne/arbetsmarknad/"
        "loner-och-arbetskostnader/lonestrukturstatistik-hela-ekonomin/",
        datetime.date(2025, 6, 18),
        "Lägre än medellönen (cirka 38 000 kr i månaden) eftersom många börjar på deltid "
        "eller med ingångslön.",
    ),
    (
        "employer_contribution_rate", "state", "percent",
        Decimal("31.42"), Decimal("31.42"), Decimal("31.42"), 0, 50,
        "Arbetsgivaravgifter 2026", "Skatteverket",
        "https://www.skatteverket.se/foretag/arbetsgivare/arbetsgivaravgifterochskatteavdrag/"
        "arbetsgivaravgifter",
        datetime.date(2026, 1, 1),
        "Full arbetsgivaravgift; nedsättningar för unga eller äldre räknas inte.",
    ),
    (
        "municipal_tax_rate", "municipality", "percent",
        Decimal("22.75"), Decimal("22.75"), Decimal("22.75"), 0, 40,
        "Kommunalskatterna 2026", "SCB",
        "https://www.scb.se/hitta-statistik/statistik-efter-amne/offentlig-ekonomi/"
        "finanser-for-den-kommunala-sektorn/kommunalskatterna/",
        datetime.date(2025, 12, 17),
        "Ungefärligt medel för kommunerna i södra Norrbotten; med regionens skatt cirka 34 %.",
    ),
    (
        "regional_tax_rate", "region", "percent",
        Decimal("11.34"), Decimal("11.34"), Decimal("11.34"), 0, 20,
        "Kommunalskatterna 2026", "SCB",
        "https://www.scb.se/hitta-statistik/statistik-efter-amne/offentlig-ekonomi/"
        "finanser-for-den-kommunala-sektorn/kommunalskatterna/",
        datetime.date(2025, 12, 17),
        "Region Norrbottens skattesats.",
    ),
    (
        "taxed_share", "general", "percent",
        60, 70, 80, 0, 100,
        "Skatteavdrag och skattetabeller 2026", "Skatteverket",
        "https://www.skatteverket.se/privat/skatter/arbeteochinkomst/skattetabeller",
        datetime.date(2026, 1, 1),
        "Grov förenkling: den del av lönen som i praktiken beskattas efter grundavdrag och "
        "jobbskatteavdrag.",
    ),
    (
        "health_care_saving_per_person", "region", "kr_year",
        0, 10000, 20000, 0, 200000,
        "Det är bättre att stämma i bäcken än i ån", "Ingvar Nilsson och Anders Wadeskog, "
        "SKL Kommentus", "", datetime.date(2008, 1, 1),
        "Grovt antagande om minskade vårdkostnader när en person får arbete; det låga fallet "
        "räknar inte med någon besparing.",
    ),
    (
        "study_grant_per_person", "state", "kr_year",
        60000, 35000, 30000, 0, 200000,
        "Belopp för studiemedel 2026", "CSN",
        "https://www.csn.se/bidrag-och-lan/studiestod/studiemedel/hur-mycket-kan-du-fa.html",
        datetime.date(2026, 1, 1),
        "Bidragsdelen av studiemedlen för ett läsår på heltid; det låga fallet räknar med "
        "högre bidrag (studiestartsstöd). Lånedelen räknas inte.",
    ),
    (
        "adult_education_cost", "municipality", "kr_year",
        75000, 60000, 45000, 0, 300000,
        "Kostnader för kommunal vuxenutbildning 2024", "Skolverket",
        "https://www.skolverket.se/skolutveckling/statistik",
        datetime.date(2025, 4, 1),
        "Kommunens kostnad per heltidsstuderande och år i komvux, avrundat.",
    ),
    (
        "deadweight", "general", "percent",
        50, 30, 15, 0, 100,
        "A Guide to Social Return on Investment", "Social Value International",
        "https://www.socialvalueint.org/guide-to-sroi", datetime.date(2012, 1, 1),
        "Dödvikt: andelen som hade fått arbete eller börjat studera ändå. Antagande.",
    ),
    (
        "attribution", "general", "percent",
        30, 50, 70, 0, 100,
        "Principles of Social Value", "Social Value International",
        "https://www.socialvalueint.org/principles", datetime.date(2021, 1, 1),
        "Den del av förändringen som beror på stödstrukturen och inte på andra aktörer. "
        "Antagande.",
    ),
    (
        "duration_years", "general", "years",
        1, 3, 5, 1, 10,
        "Socioekonomiska bokslut för sociala företag", "Ingvar Nilsson och Anders Wadeskog",
        "", datetime.date(2012, 1, 1),
        "Hur många år effekten räknas. Antagande.",
    ),
    (
        "drop_off", "general", "percent",
        50, 30, 15, 0, 100,
        "A Guide to Social Return on Investment", "Social Value International",
        "https://www.socialvalueint.org/guide-to-sroi", datetime.date(2012, 1, 1),
        "Avtagande: hur mycket effekten minskar varje år efter det första. Antagande.",
    ),
]

FIELDS = ("key", "actor", "unit", "low", "value", "high", "min_value", "max_value",
          "source_title", "source_publisher", "source_url", "source_date", "note")


def add_defaults(apps, schema_editor):
    Parameter = apps.get_model("socioeconomics", "Parameter")
    ParameterVersion = apps.get_model("socioeconomics", "ParameterVersion")
    now = timezone.now()
    for row in DEFAULTS:
        values = dict(zip(FIELDS, row, strict=True))
        values["note"] = REVIEW + values["note"]
        for name in ("low", "value", "high", "min_value", "max_value"):
            values[name] = Decimal(values[name])
        key = values.pop("key")
        parameter, created = Parameter.objects.get_or_create(
            key=key, defaults={**values, "to_review": True}
        )
        if created:
            ParameterVersion.objects.create(
                parameter=parameter,
                edited_at=now,
                to_review=True,
                **{name: values[name] for name in (
                    "low", "value", "high", "source_title", "source_publisher", "source_url",
                    "source_date", "note")},
            )


class Migration(migrations.Migration):
    dependencies = [("socioeconomics", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
