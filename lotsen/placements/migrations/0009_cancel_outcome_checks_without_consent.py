from django.db import migrations

from lotsen.placements.consent import Use, consenting_to


def cancel_unconsented(apps, schema_editor):
    """Delete the pending outcome checks that were planned without consent (decision 0145).

    Before the consent rule every ended placement got its checks, whatever the scope. A
    pending check holds only its due date; recorded checks stay.
    """
    OutcomeCheck = apps.get_model("placements", "OutcomeCheck")
    OutcomeCheck.objects.filter(checked_on__isnull=True).exclude(
        consenting_to(Use.OUTCOME_CHECK, "placement__referral__participant")
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("placements", "0008_placement_pipeline_notices")]

    operations = [migrations.RunPython(cancel_unconsented, migrations.RunPython.noop)]
