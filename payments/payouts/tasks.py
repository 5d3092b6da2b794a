"""Thin Celery tasks of payouts."""

from celery import shared_task

from core.tasks import TenantTask
from payments.payouts.services import payouts_notify


@shared_task(base=TenantTask, name="payments.notify_payouts")
def notify_payouts(payout_ids: list[int], *, organization_id: int) -> int:
    """Emails the mentees of payouts approved in bulk (one email per payout, rendered in
    the worker so a bulk approval of thousands stays quick)."""
    return payouts_notify(payout_ids=payout_ids)
