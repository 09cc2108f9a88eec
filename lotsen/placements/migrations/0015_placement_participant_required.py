"""Every placement has its participant, copied from the referral in 0014."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0014_placement_participant"),
    ]

    operations = [
        migrations.AlterField(
            model_name="placement",
            name="participant",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="placements",
                to="placements.participant",
                verbose_name="participant",
            ),
        ),
    ]
