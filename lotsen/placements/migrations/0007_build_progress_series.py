"""The progress series of every placement rated before the series existed (decision 0096)."""

from django.db import migrations


def build(apps, schema_editor):
    apps.get_model("placements", "ProgressSeries").objects.rebuild_all()


def empty(apps, schema_editor):
    apps.get_model("placements", "ProgressSeries").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0006_progress_series")]
    operations = [migrations.RunPython(build, empty)]
