from django.db import migrations, models


def index_names(apps, schema_editor):
    # The helpers are plain functions of the key, so the historical model can use them.
    from lotsen.placements import identity

    ParticipantIdentity = apps.get_model("placements", "ParticipantIdentity")
    records = ParticipantIdentity.objects.filter(erased_at__isnull=True).exclude(name_encrypted="")
    for record in records.iterator():
        record.name_index = identity.name_index(identity.decrypt(record.name_encrypted))
        record.save(update_fields=["name_index"])


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0009_cancel_outcome_checks_without_consent"),
    ]

    operations = [
        migrations.AddField(
            model_name="participantidentity",
            name="name_index",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(index_names, migrations.RunPython.noop),
    ]
