from django.db import migrations, models

# Events already written were chained with plain SHA-256: they are marked as such
# and verify as before; every new event is chained with the HMAC (decision 0182).
LEGACY_CHAIN = 1
KEYED_CHAIN = 2

# Row triggers do not fire on TRUNCATE; a statement trigger refuses it as well. Only a
# superuser who also asks for it in the session passes: the flush that ends a
# transactional test. A superuser can switch any trigger off anyway, so this opens
# nothing the owner or the application role could use.
CREATE = """
CREATE FUNCTION audit_event_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('lotsen.audit_truncate_allowed', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit events are append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_no_truncate();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=LEGACY_CHAIN),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=KEYED_CHAIN),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
