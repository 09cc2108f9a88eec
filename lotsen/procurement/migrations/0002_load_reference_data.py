from django.db import migrations

from lotsen.procurement.reference_data import load_cpv, load_direct_award_limits


def load(apps, schema_editor):
    load_cpv(apps)
    load_direct_award_limits(apps)


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
