from django.db import migrations

from lotsen.core.reference_data import load_support_areas


def load(apps, schema_editor):
    load_support_areas(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_support_area")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
