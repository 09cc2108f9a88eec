"""Keep the referral's participant on each placement (decision 0210).

The column is made required in the next migration: PostgreSQL refuses to alter a table
with deferred foreign-key checks pending from the copy in the same transaction.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_participant_from_referral(apps, schema_editor):
    Placement = apps.get_model("placements", "Placement")
    Referral = apps.get_model("placements", "Referral")
    Placement.objects.update(
        participant_id=Subquery(
            Referral.objects.filter(pk=OuterRef("referral_id")).values("participant_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0013_list_orderings_indexed"),
    ]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="participant",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="placements",
                to="placements.participant",
                verbose_name="participant",
            ),
        ),
        migrations.RunPython(copy_participant_from_referral, migrations.RunPython.noop),
    ]
