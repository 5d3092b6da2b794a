"""`migrate` without the statement timeout. Every PostgreSQL connection cancels a statement
after DB_STATEMENT_TIMEOUT_MS (60 s, settings: a hung query must not hold a request); a
migration that builds an index or rewrites a table of a large deployment may rightly take
longer, and cancelling it halfway would leave a deploy stuck. A migration still waits at
most DB_MIGRATION_LOCK_TIMEOUT_MS (10 s) for a table's lock: queued behind a long
transaction, it would hold every request behind itself; it fails instead, and the deploy
is retried."""

from django.conf import settings
from django.core.management.commands import migrate
from django.db import connections


class Command(migrate.Command):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
            cursor.execute("SET lock_timeout = %s", [settings.DB_MIGRATION_LOCK_TIMEOUT_MS])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
                cursor.execute("RESET lock_timeout")
