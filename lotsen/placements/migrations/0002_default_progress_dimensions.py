"""The default dimensions of progress, in the spirit of work-readiness measures.

Our own wording, not a licensed instrument; the coordinator changes the set in the admin.
"""

from django.db import migrations

DIMENSIONS = [
    ("work_skills", "Arbetsförmåga i uppgifterna", "Work skills in the tasks"),
    ("routines", "Rutiner och passningstider", "Routines and timekeeping"),
    ("social_skills", "Samarbete på arbetsplatsen", "Social skills at work"),
    ("health_energy", "Ork och energi", "Health and energy"),
    ("motivation", "Motivation", "Motivation"),
    ("job_search", "Arbetssökande", "Job-search skills"),
]


def add(apps, schema_editor):
    dimension = apps.get_model("placements", "ProgressDimension")
    for position, (code, name_sv, name_en) in enumerate(DIMENSIONS, 1):
        dimension.objects.update_or_create(
            code=code, defaults={"name_sv": name_sv, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("placements", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
