"""Response and resolution targets per support area, in Swedish working days.

Questions about tenders have hard deadlines and are answered fastest; network
and school questions can wait for the next gathering.
"""

from django.db import migrations

# code: (first response, resolution)
TARGETS = {
    "advice": (2, 10),
    "training": (3, 20),
    "mentoring": (3, 15),
    "sales-marketing": (2, 15),
    "board": (3, 20),
    "supervisor-training": (3, 20),
    "enterprise-networks": (5, 30),
    "actor-networks": (5, 30),
    "authority-contacts": (2, 10),
    "asf-school": (5, 30),
    "procurement": (1, 5),
    "law-finance": (2, 10),
    "coordination": (2, 15),
}


def load(apps, schema_editor):
    SupportArea = apps.get_model("core", "SupportArea")
    SupportAreaTarget = apps.get_model("support", "SupportAreaTarget")
    for area in SupportArea.objects.filter(code__in=TARGETS):
        first, resolution = TARGETS[area.code]
        SupportAreaTarget.objects.update_or_create(
            area=area, defaults={"first_response_days": first, "resolution_days": resolution}
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial"), ("core", "0004_load_support_areas")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
