"""A starting CPV–SNI correspondence for common trades of social enterprises
(data/cpv_sni.csv); the coordinator refines it from the correspondence page."""

import csv
from pathlib import Path

from django.db import migrations

START = Path(__file__).resolve().parent.parent / "data" / "cpv_sni.csv"


def load(apps, schema_editor):
    link_model = apps.get_model("procurement", "CpvIndustryLink")
    with START.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    link_model.objects.bulk_create(
        [
            link_model(
                cpv_id=row["cpv"], industry_id=row["sni"].replace(".", ""), note=row["note"]
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )


def unload(apps, schema_editor):
    link_model = apps.get_model("procurement", "CpvIndustryLink")
    with START.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            link_model.objects.filter(
                cpv_id=row["cpv"], industry_id=row["sni"].replace(".", "")
            ).delete()


class Migration(migrations.Migration):
    dependencies = [("procurement", "0002_load_reference_data")]

    operations = [migrations.RunPython(load, unload)]
