"""Load the reference CSV files shipped in lotsen/core/data/."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps) -> None:
    """Create or refresh every reference row; safe to run twice."""
    load_regions_and_classifications(apps)
    load_support_areas(apps)


def load_regions_and_classifications(apps) -> None:
    County = apps.get_model("core", "County")
    Municipality = apps.get_model("core", "Municipality")
    for row in read_rows("counties.csv"):
        County.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})
    for row in read_rows("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "county_id": row["county_code"],
                "latitude": row["lat"],
                "longitude": row["lon"],
            },
        )
    for model_name, filename in (("Industry", "sni2007.csv"), ("Occupation", "ssyk2012.csv")):
        model = apps.get_model("core", model_name)
        existing = set(model.objects.values_list("code", flat=True))
        # Rows are ordered depth-first, so a parent is always created before its children.
        model.objects.bulk_create(
            [
                model(
                    code=row["code"],
                    level=row["level"],
                    name=row["name_sv"],
                    parent_id=row["parent"] or None,
                )
                for row in read_rows(filename)
                if row["code"] not in existing
            ],
            batch_size=500,
        )


def load_support_areas(apps) -> None:
    SupportArea = apps.get_model("core", "SupportArea")
    for position, row in enumerate(read_rows("support_areas.csv"), 1):
        SupportArea.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "audience": row["audience"],
                "position": position,
            },
        )
