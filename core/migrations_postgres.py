"""Migration operations that change PostgreSQL only. The platform runs on PostgreSQL; the
embedded default of `make run` uses SQLite, which cannot build every index PostgreSQL can
(SQLite refuses `NULLS LAST` in an index, for one). Such an index is declared on its model
as usual, so the migration state knows it, and built on PostgreSQL only: on SQLite the
queries it speeds up run without it. A later migration that changes or removes such an
index must use these operations too."""

from django.db import migrations


class AddIndexOnPostgres(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
