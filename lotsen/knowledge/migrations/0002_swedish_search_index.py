from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from lotsen.knowledge.search import search_vector

# PostgreSQL only: SQLite has no GIN and no Swedish text search, so the index
# is not part of the model state and SQLite migrates past it. The expression is
# the one the search filters on; test_search checks that the planner uses it.
INDEX_NAME = "resource_swedish_search"


def _index() -> GinIndex:
    return GinIndex(search_vector(), name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("knowledge", "Resource"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("knowledge", "Resource"), _index())


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
