import logging
from collections.abc import Iterable

from celery import Task, shared_task
from django.db import connection, transaction
from django_scopes import scope

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """The one way to enqueue: after the surrounding transaction commits (at once outside
    one), with ids as arguments, never model instances.

    A broker that cannot be reached at that moment is logged, not raised: the change is
    already committed, so the person who made it must not get an error page for it. Work
    that must not be lost keeps its own record and is picked up again by a sweep (the email
    outbox re-sends its queued rows)."""

    def send():
        task.delay(*args, **kwargs)

    # Names the task in the error Django logs when sending fails.
    send.__qualname__ = f"{getattr(task, 'name', type(task).__name__)}.delay"
    transaction.on_commit(send, robust=True)


class TenantTask(Task):
    """Base of every task that works inside one organization:
    `@shared_task(base=TenantTask, name=...)`. The task takes the keyword argument
    `organization_id` and runs inside `scope(organization=organization_id)`, so a query on a
    tenant-owned model sees that organization's rows only, and one that reaches another
    organization raises. A task starts unscoped (the scope is a context variable of the
    process that enqueued it), which is why the scope is entered here and not by the caller.
    Work that must find rows across organizations is a `@cross_tenant` selector returning
    ids; the per-item work is a TenantTask."""

    abstract = True

    def __call__(self, *args, **kwargs):
        organization_id = kwargs.get("organization_id")
        if organization_id is None:
            raise TypeError(f"{self.name} runs inside one organization: pass organization_id=.")
        with scope(organization=organization_id):
            return super().__call__(*args, **kwargs)


def sweep_each(task, items: Iterable[dict]) -> int:
    """Runs `task` in-process once per item (its keyword arguments: the ids), each in its
    own transaction, and returns the sum of what the runs returned (how many were done).
    An item that raises is logged with its ids and skipped: it rolls back alone and neither
    stops the items after it nor, since a sweep's list comes in a fixed order, blocks them
    on every later run. It is found again by the next run, like any item not done."""
    done = 0
    for kwargs in items:
        try:
            with transaction.atomic():
                done += int(task(**kwargs))
        except Exception:
            ids = ", ".join(f"{name}={value}" for name, value in kwargs.items())
            logger.exception("%s failed for %s; the sweep goes on", task.name, ids)
    return done


@shared_task(name="core.heartbeat")
def heartbeat() -> str:
    """Proves the worker reaches the database; beat runs it every five minutes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"
