"""The requests' status history moves to the history every pipeline shares (core)."""

from django.db import migrations


def copy_history(apps, schema_editor):
    OldChange = apps.get_model("support", "StatusChange")
    StatusChange = apps.get_model("core", "StatusChange")
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not OldChange.objects.exists():
        return
    request_type, _ = ContentType.objects.get_or_create(
        app_label="support", model="supportrequest"
    )
    StatusChange.objects.bulk_create(
        StatusChange(
            content_type=request_type,
            object_id=change.request_id,
            from_status=change.from_status,
            to_status=change.to_status,
            actor_id=change.actor_id,
            reason=change.note,
            changed_at=change.changed_at,
        )
        for change in OldChange.objects.order_by("changed_at", "id").iterator()
    )


def copy_history_back(apps, schema_editor):
    OldChange = apps.get_model("support", "StatusChange")
    StatusChange = apps.get_model("core", "StatusChange")
    OldChange.objects.bulk_create(
        OldChange(
            request_id=change.object_id,
            from_status=change.from_status,
            to_status=change.to_status,
            actor_id=change.actor_id,
            note=change.reason,
            changed_at=change.changed_at,
        )
        for change in StatusChange.objects.filter(
            content_type__app_label="support", content_type__model="supportrequest"
        ).iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_status_history"),
        ("support", "0007_uploads_under_random_names"),
    ]

    operations = [
        migrations.RunPython(copy_history, copy_history_back),
        migrations.DeleteModel(name="StatusChange"),
    ]
