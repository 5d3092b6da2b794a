"""core.tasks.enqueue_on_commit: a broker that is down when the transaction commits does
not turn the committed change into an error for the caller."""

import logging

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from accounts.organizations.models import Organization
from core.tasks import enqueue_on_commit


class BrokerDownTask:
    """Stands in for a Celery task whose broker refuses the connection, as `.delay` does
    then (kombu's OperationalError)."""

    name = "tests.broker_down"

    def __init__(self):
        self.calls = []

    def delay(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        raise OperationalError("[Errno 111] Connection refused")


@pytest.mark.django_db(transaction=True)
def test_a_failing_enqueue_after_commit_does_not_reach_the_caller(caplog):
    task = BrokerDownTask()
    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"):
        with transaction.atomic():
            Organization.objects.create(slug="kept", name="Kept")
            enqueue_on_commit(task, 7, organization_id=3)
            assert task.calls == []  # nothing is sent before the commit
    assert task.calls == [((7,), {"organization_id": 3})]
    assert Organization.objects.filter(slug="kept").exists()  # the change stays committed
    assert "tests.broker_down.delay" in caplog.text
    assert "Connection refused" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_failing_enqueue_outside_a_transaction_does_not_reach_the_caller():
    task = BrokerDownTask()
    enqueue_on_commit(task, 1)
    assert task.calls == [((1,), {})]
