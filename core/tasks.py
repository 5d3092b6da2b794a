from celery import shared_task
from django.db import connection, transaction


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """The one way to enqueue: after the surrounding transaction commits (at once outside
    one), with ids as arguments, never model instances."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))


@shared_task(name="core.heartbeat")
def heartbeat() -> str:
    """Proves the worker reaches the database; beat runs it every five minutes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"
