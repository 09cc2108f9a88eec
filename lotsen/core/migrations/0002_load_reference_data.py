from django.db import migrations

from lotsen.core.reference_data import load_regions_and_classifications


def load(apps, schema_editor):
    load_regions_and_classifications(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
