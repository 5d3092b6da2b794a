"""Funds a program received (its admins record them). Never edited: a correction is a new
entry with a negative amount."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from core.audit.services import audit_record
from payments.funds.models import Fund, PublishedLedger
from payments.plans.services import CENT, currency_code


@transaction.atomic
def fund_record(
    *, program, actor, sponsor: str, amount, currency: str, received_on: date | None, reference=""
) -> Fund:
    if actor is not None and not actor.has_perm("payments.manage_funds", program.organization):
        raise PermissionDenied("Only the organization's admins record funds.")
    sponsor = (sponsor or "").strip()
    if not sponsor or len(sponsor) > 200:
        raise ValidationError({"sponsor": "Name the sponsor (at most 200 characters)."})
    try:
        value = Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({"amount": "Enter an amount such as 25000.00."}) from None
    if not value.is_finite() or value == 0 or value != value.quantize(CENT):
        raise ValidationError({"amount": "Enter a non-zero amount to the cent."})
    if abs(value) >= Decimal("1000000000000"):
        raise ValidationError({"amount": "This amount is too large."})
    currency = currency_code(currency)
    if received_on is None:
        raise ValidationError({"received_on": "Give the date the funds were received."})
    reference = (reference or "").strip()
    if len(reference) > 200:
        raise ValidationError({"reference": "Use at most 200 characters."})
    fund = Fund.objects.create(
        organization_id=program.organization_id,
        program=program,
        sponsor=sponsor,
        amount=value,
        currency=currency,
        received_on=received_on,
        reference=reference,
        recorded_by=actor,
    )
    audit_record(
        action="fund.recorded",
        obj=fund,
        actor=actor,
        organization=program.organization,
        data={"amount": str(value), "currency": currency},
    )
    return fund


@transaction.atomic
def ledger_publish(*, program, actor, published: bool) -> bool:
    """An organization's admin publishes (or withdraws) a program's ledger totals on its
    public page and in the public program API. Off by default. Returns whether it is
    published now."""
    if actor is not None and not actor.has_perm("payments.manage_funds", program.organization):
        raise PermissionDenied("Only the organization's admins publish a program's ledger.")
    current = PublishedLedger.objects.filter(program=program).first()
    if published and current is None:
        PublishedLedger.objects.create(
            organization_id=program.organization_id, program=program, published_by=actor
        )
    elif not published and current is not None:
        current.delete()
    else:
        return published
    audit_record(
        action="ledger.published" if published else "ledger.withdrawn",
        obj=program,
        actor=actor,
        organization=program.organization,
    )
    return published
