from django.db import migrations

# PostgreSQL only. A trigger keeps `search_document` as the weighted Swedish
# document of each resource (title A, summary B, body C, source D), also for
# bulk inserts and queryset updates, and a GIN index serves the search.
# SQLite has neither tsvector nor GIN; there the column stays empty and the
# search uses the Snowball stems (decision 0071).
CREATE = """
CREATE OR REPLACE FUNCTION knowledge_resource_search_document() RETURNS trigger AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.body, '')), 'C') ||
        setweight(to_tsvector('pg_catalog.swedish', coalesce(NEW.source, '')), 'D');
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER knowledge_resource_search_document
    BEFORE INSERT OR UPDATE ON knowledge_resource
    FOR EACH ROW EXECUTE FUNCTION knowledge_resource_search_document();
CREATE INDEX resource_swedish_search ON knowledge_resource USING gin (search_document);
UPDATE knowledge_resource SET title = title;
"""
DROP = """
DROP INDEX IF EXISTS resource_swedish_search;
DROP TRIGGER IF EXISTS knowledge_resource_search_document ON knowledge_resource;
DROP FUNCTION IF EXISTS knowledge_resource_search_document();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
