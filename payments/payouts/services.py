"""Payouts: an installment becomes payable when its checkpoint passes; admins approve or
decline (one by one or in bulk), staff mark it paid (with the external reference and date)
or failed (with a reason), and a failed payout is retried by a new payout.

`payout_transition` is the only code that changes `Payout.state`: a compare-and-set UPDATE,
audited. The database holds one live payout per installment (a partial unique index), so
double clicks, two people at once and retried jobs pay an installment at most once."""

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.audit.models import AuditEvent
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.tasks import enqueue_on_commit
from core.transitions import reason_required, state_transition
from payments.payouts.models import (
    LIVE_STATES,
    Payout,
    PayoutEmail,
    PayoutReversal,
    PayoutState,
)
from payments.plans.models import Installment

P = PayoutState
PAYOUT_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (P.PAYABLE, P.APPROVED): "approved_at",
    (P.PAYABLE, P.DECLINED): "declined_at",
    # Only when its checkpoint is corrected to a fail (checkpoint_failed): an admin's
    # decline is of a payable payout (payout_decline).
    (P.APPROVED, P.DECLINED): "declined_at",
    (P.APPROVED, P.PAID): "paid_at",
    (P.APPROVED, P.FAILED): "failed_at",
    (P.FAILED, P.RETRIED): None,
    (P.PAID, P.REVERSED): "reversed_at",
}
PAYOUT_REFUSALS = {
    P.PAYABLE: "This payout is not approved yet.",
    P.APPROVED: "This payout is already approved.",
    P.DECLINED: "This payout was declined.",
    P.PAID: "This payout is already paid.",
    P.FAILED: "This payout failed; retry it first.",
    P.RETRIED: "This payout was already retried.",
    P.REVERSED: "This payout was reversed.",
}
MAX_BULK = 10_000


def payout_transition(*, payout: Payout, to_state: str, actor, reason: str = "", updates=None):
    payout = state_transition(
        obj=payout,
        to_state=to_state,
        actor=actor,
        transitions=PAYOUT_TRANSITIONS,
        refusals=PAYOUT_REFUSALS,
        reason=reason,
        updates=updates,
    )
    _notify(payout)
    return payout


def _notify(payout: Payout) -> None:
    payouts_email([payout])


def payouts_email(payouts: list[Payout]) -> int:
    """Emails each payout's mentee about the state it is in, once per (payout, state): the
    sent-log rows (PayoutEmail) are inserted with this call's token, conflicts ignored, and
    only the rows this call inserted are emailed, in the same transaction, so a retried or
    duplicated task never sends twice. Returns how many were queued."""
    if not payouts:
        return 0
    token = uuid.uuid4()
    with transaction.atomic():
        PayoutEmail.objects.bulk_create(
            [PayoutEmail(payout_id=p.pk, state=p.state, token=token) for p in payouts],
            ignore_conflicts=True,
            batch_size=2000,
        )
        claimed = set(PayoutEmail.objects.filter(token=token).values_list("payout_id", "state"))
        sent = 0
        for payout in payouts:
            if (payout.pk, payout.state) not in claimed:
                continue
            email_queue(
                to=[payout.mentorship.mentee.email],
                template="stipend_status",
                context={
                    "payout": payout,
                    "state": payout.get_state_display().lower(),
                    "url": absolute_url("payments:me-stipend"),
                },
                organization=payout.organization,
            )
            sent += 1
    return sent


@transaction.atomic
def installment_payable(*, installment: Installment) -> Payout | None:
    """The installment's checkpoint passed: it gets a payable payout, unless it already
    has one that is live or waiting for its retry (a correction back to a pass, a retried
    job). After a reversal (a paid payout whose checkpoint was corrected to a fail) a pass
    again makes a new payout."""
    if Payout.objects.filter(installment=installment, state__in=[*LIVE_STATES, P.FAILED]).exists():
        return None
    plan = installment.plan
    mentorship = plan.mentorship
    try:
        with transaction.atomic():
            payout = Payout.objects.create(
                organization_id=installment.organization_id,
                installment=installment,
                mentorship=mentorship,
                term_id=mentorship.term_id,
                program_id=plan.program_id,
                amount=installment.amount,
                currency=installment.currency,
            )
    except IntegrityError:
        return None
    audit_record(
        action="payout.payable",
        obj=payout,
        actor=None,
        organization=payout.organization,
        to_state=P.PAYABLE,
    )
    _notify(payout)
    return payout


def checkpoint_passed(*, evaluation) -> Payout | None:
    installment = Installment.objects.filter(
        plan__mentorship_id=evaluation.mentorship_id, checkpoint=evaluation.kind
    ).first()
    if installment is None or installment.amount <= 0:
        return None
    return installment_payable(installment=installment)


def checkpoint_failed(*, evaluation, actor) -> Payout | None:
    """An admin corrected the checkpoint to a fail. Its payout, if still payable or
    approved (not paid yet), is declined with that reason, so staff can no longer pay it;
    if already paid, a reversal entry is recorded (the payout is never edited: it moves to
    `reversed` and the ledger subtracts the entry), so a later correction back to a pass
    makes a new payout (a declined one keeps its installment, as an admin's decline does).
    A payout that staff are paying at that moment is moved by whichever comes first
    (compare-and-set): paid then reversed, or declined and the payment refused."""
    payout = (
        Payout.objects.filter(
            installment__plan__mentorship_id=evaluation.mentorship_id,
            installment__checkpoint=evaluation.kind,
            state__in=[P.PAYABLE, P.APPROVED, P.PAID],
        )
        .select_related("mentorship__mentee", "organization")
        .first()
    )
    if payout is None:
        return None
    reason = "The checkpoint's verdict was corrected to a fail."
    if payout.state == P.PAID:
        return payout_reverse(payout=payout, actor=actor, reason=reason)
    return payout_transition(
        payout=payout, to_state=P.DECLINED, actor=actor, reason=reason, updates={"reason": reason}
    )


@transaction.atomic
def payout_reverse(*, payout: Payout, actor, reason: str) -> Payout:
    """Records the reversal of a paid payout as a new entry (PayoutReversal, audited) and
    moves the payout paid → reversed (compare-and-set), which frees its installment."""
    payout = payout_transition(payout=payout, to_state=P.REVERSED, actor=actor, reason=reason)
    reversal = PayoutReversal.objects.create(
        organization_id=payout.organization_id,
        payout=payout,
        program_id=payout.program_id,
        amount=payout.amount,
        currency=payout.currency,
        reason=reason,
        recorded_by=actor if actor is not None and actor.is_authenticated else None,
    )
    audit_record(
        action="payout.reversal",
        obj=reversal,
        actor=actor,
        organization=payout.organization,
        reason=reason,
        data={"payout": str(payout.public_id), "amount": str(payout.amount)},
    )
    return payout


def _admin(actor, payout, verb):
    if actor is not None and not actor.has_perm("payments.approve_payout", payout.organization):
        raise PermissionDenied(f"Only the organization's admins {verb} stipends.")


@transaction.atomic
def payout_approve(*, payout: Payout, actor) -> Payout:
    _admin(actor, payout, "approve")
    return payout_transition(
        payout=payout, to_state=P.APPROVED, actor=actor, updates={"approved_by": actor}
    )


@transaction.atomic
def payout_decline(*, payout: Payout, actor, reason: str) -> Payout:
    _admin(actor, payout, "decline")
    if payout.state != P.PAYABLE:  # approved ones are declined only by a correction
        raise ValidationError(PAYOUT_REFUSALS.get(payout.state, "This payout cannot be declined."))
    reason = reason_required(reason, missing="Say why the payout is declined; the mentee reads it.")
    return payout_transition(
        payout=payout, to_state=P.DECLINED, actor=actor, reason=reason, updates={"reason": reason}
    )


@transaction.atomic
def payouts_bulk_approve(*, organization, actor, ids: list, expected_count) -> int:
    """Approves the given payable payouts of the organization at once. `expected_count` is
    the count the admin confirmed: if the payable payouts found differ, nothing changes.
    One compare-and-set UPDATE, one audit record per payout; the mentees' emails are
    queued by a task after the commit."""
    if actor is not None and not actor.has_perm("payments.approve_payout", organization):
        raise PermissionDenied("Only the organization's admins approve stipends.")
    ids = list(dict.fromkeys(ids or []))
    if not ids:
        raise ValidationError({"payouts": "Choose at least one payout."})
    if len(ids) > MAX_BULK:
        raise ValidationError({"payouts": f"Approve at most {MAX_BULK:,} payouts at once."})
    try:
        expected_count = int(expected_count)
    except (TypeError, ValueError):
        raise ValidationError({"count": "Confirm how many payouts you approve."}) from None
    rows = Payout.objects.select_for_update().filter(
        organization=organization, public_id__in=ids, state=P.PAYABLE
    )
    found = list(rows.values_list("pk", flat=True))
    if len(found) != expected_count or len(found) != len(ids):
        raise ValidationError(
            {
                "count": f"{len(found)} of the {len(ids)} chosen payouts can be approved, "
                f"not {expected_count}: reload the list and confirm again."
            }
        )
    now = timezone.now()
    moved = Payout.objects.filter(pk__in=found, state=P.PAYABLE).update(
        state=P.APPROVED, approved_at=now, updated_at=now, approved_by=actor
    )
    if moved != len(found):  # cannot happen under the row locks; refuse rather than guess
        raise ValidationError("These payouts changed meanwhile: reload the list.")
    AuditEvent.objects.bulk_create(
        [AuditEvent(**_audit_fields(pk, organization, actor, now)) for pk in found],
        batch_size=2000,
    )
    from payments.payouts.tasks import notify_payouts  # the task module imports this one

    enqueue_on_commit(notify_payouts, found, organization_id=organization.pk)
    return moved


def payouts_notify(*, payout_ids: list[int]) -> int:
    """Emails each mentee whose payout is still in the state it was moved to (called by the
    bulk approval's task, inside the organization's scope), once per payout and state
    whatever the retries (payouts_email's sent-log)."""
    payouts = list(
        Payout.objects.filter(pk__in=payout_ids, state=P.APPROVED).select_related(
            "mentorship__mentee", "installment", "organization"
        )
    )
    return payouts_email(payouts)


def _audit_fields(pk, organization, actor, now) -> dict:
    return {
        "action": "payout.approved",
        "object_type": Payout._meta.label_lower,
        "object_id": str(pk),
        "actor": actor if actor is not None and actor.is_authenticated else None,
        "organization": organization,
        "from_state": P.PAYABLE,
        "to_state": P.APPROVED,
        "reason": "Approved in bulk",
        "data": {},
    }


def _staff(actor):
    if actor is not None and not actor.has_perm("accounts.staff"):
        raise PermissionDenied("Only platform staff pay stipends.")


@transaction.atomic
def payout_pay(*, payout: Payout, actor, reference: str, paid_on: date | None) -> Payout:
    """Staff record the external payment (reference and date) of an approved payout."""
    _staff(actor)
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": "Give the external payment reference."})
    if len(reference) > 100:
        raise ValidationError({"reference": "Use at most 100 characters."})
    if paid_on is None:
        raise ValidationError({"paid_on": "Give the date the payment was made."})
    if paid_on > timezone.localdate() + timezone.timedelta(days=1):
        raise ValidationError({"paid_on": "The payment date cannot be in the future."})
    return payout_transition(
        payout=payout,
        to_state=P.PAID,
        actor=actor,
        reason=f"Paid, reference {reference}",
        updates={"reference": reference, "paid_on": paid_on},
    )


@transaction.atomic
def payout_fail(*, payout: Payout, actor, reason: str) -> Payout:
    _staff(actor)
    reason = reason_required(reason, missing="Say why the payment failed.")
    return payout_transition(
        payout=payout, to_state=P.FAILED, actor=actor, reason=reason, updates={"reason": reason}
    )


@transaction.atomic
def payout_retry(*, payout: Payout, actor) -> Payout:
    """A failed payout is retried by a new payout (approved, as the failed one was); the
    failed one is kept, marked retried."""
    _staff(actor)
    payout_transition(payout=payout, to_state=P.RETRIED, actor=actor)
    retry = Payout.objects.create(
        organization_id=payout.organization_id,
        installment_id=payout.installment_id,
        mentorship_id=payout.mentorship_id,
        term_id=payout.term_id,
        program_id=payout.program_id,
        amount=payout.amount,
        currency=payout.currency,
        state=P.APPROVED,
        approved_at=timezone.now(),
        approved_by=payout.approved_by,
        retry_of=payout,
    )
    audit_record(
        action="payout.retry",
        obj=retry,
        actor=actor,
        organization=payout.organization,
        to_state=P.APPROVED,
        data={"retry_of": str(payout.public_id)},
    )
    return retry
