"""Stipend policies (a program's admins) and plans (frozen when an offer is confirmed).

Money is `Decimal` to the cent with an ISO 4217 currency; never float. A plan copies its
amounts when it is made, so a later table version never changes it."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import MenteeProfile
from core.audit.services import audit_record
from mentorship.evaluations.models import Evaluation, EvaluationKind, EvaluationState
from mentorship.evaluations.services.checkpoints import DATE_FIELDS
from mentorship.mentorships.models import Mentorship
from payments.plans.models import Installment, PolicyKind, StipendPlan, StipendPolicy
from payments.tables.selectors import table_amount, table_for
from programs.terms.models import TermKind

CENT = Decimal("0.01")
CHECKPOINT_ORDER = [
    EvaluationKind.EVALUATION_1,
    EvaluationKind.MIDTERM,
    EvaluationKind.EVALUATION_3,
    EvaluationKind.FINAL,
]
CURRENCIES = {"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "CNY", "BRL", "NOK"}


def money(value, field: str = "amount") -> Decimal:
    """A positive amount to the cent, or a ValidationError naming the field."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: "Enter an amount such as 1500.00."}) from None
    if not amount.is_finite() or amount <= 0:
        raise ValidationError({field: "Enter an amount greater than zero."})
    if amount != amount.quantize(CENT):
        raise ValidationError({field: "Use at most two decimal places (cents)."})
    if amount >= Decimal("10000000000"):
        raise ValidationError({field: "This amount is too large."})
    return amount.quantize(CENT)


def currency_code(value) -> str:
    code = str(value or "").strip().upper()
    if code not in CURRENCIES:
        raise ValidationError(
            {"currency": f"Use an ISO 4217 currency code: {', '.join(sorted(CURRENCIES))}."}
        )
    return code


def split(total: Decimal, percents: list[int]) -> list[Decimal]:
    """Installment amounts of `total` by whole percents: each rounded down to the cent,
    and the last absorbs the rounding so the sum equals the total exactly."""
    parts = [(total * Decimal(p) / 100).quantize(CENT, rounding=ROUND_DOWN) for p in percents[:-1]]
    return [*parts, total - sum(parts, Decimal("0"))]


def schedule_clean(schedule) -> list[dict]:
    if not isinstance(schedule, list) or not 2 <= len(schedule) <= 4:
        raise ValidationError({"schedule": "Give 2 to 4 installments."})
    rows = []
    for item in schedule:
        if not isinstance(item, dict):
            raise ValidationError(
                {"schedule": "Each installment names a checkpoint and a percent."}
            )
        checkpoint = item.get("checkpoint")
        if checkpoint not in CHECKPOINT_ORDER:
            raise ValidationError(
                {"schedule": "Tie each installment to a checkpoint: " + ", ".join(CHECKPOINT_ORDER)}
            )
        try:
            percent = int(item.get("percent"))
        except (TypeError, ValueError):
            percent = 0
        if not 1 <= percent <= 100 or str(item.get("percent")).strip() != str(percent):
            raise ValidationError({"schedule": "Each percent is a whole number from 1 to 100."})
        rows.append({"checkpoint": str(checkpoint), "percent": percent})
    checkpoints = [row["checkpoint"] for row in rows]
    if len(set(checkpoints)) != len(checkpoints):
        raise ValidationError({"schedule": "Tie each checkpoint to one installment at most."})
    if checkpoints != sorted(checkpoints, key=CHECKPOINT_ORDER.index):
        raise ValidationError({"schedule": "List the installments in checkpoint order."})
    if checkpoints[-1] != EvaluationKind.FINAL:
        raise ValidationError({"schedule": "The last installment follows the final evaluation."})
    if sum(row["percent"] for row in rows) != 100:
        raise ValidationError({"schedule": "The percents must sum to 100."})
    return rows


class NoTableAmount(ValidationError):
    """The table has no version for the term or no amount for the country: the plan waits
    (pending) for an admin to set an amount or for staff to fix the table."""


@transaction.atomic
def policy_set(
    *,
    program,
    actor,
    kind: str,
    flat_amount=None,
    currency: str = "USD",
    part_time_percent=100,
    schedule=None,
) -> StipendPolicy:
    """A program's admin sets its stipend policy; it applies to plans frozen from now on."""
    if actor is not None and not actor.has_perm("payments.manage_stipend_policy", program):
        raise PermissionDenied("Only the organization's admins set a program's stipends.")
    if kind not in PolicyKind.values:
        raise ValidationError({"kind": "Choose table, flat or unpaid."})
    currency = currency_code(currency or "USD")
    amount = money(flat_amount, "flat_amount") if kind == PolicyKind.FLAT else None
    try:
        part_time_percent = int(part_time_percent)
    except (TypeError, ValueError):
        part_time_percent = 0
    if not 1 <= part_time_percent <= 100:
        raise ValidationError({"part_time_percent": "Give a whole percent from 1 to 100."})
    schedule = schedule_clean(
        schedule
        if schedule is not None
        else [
            {"checkpoint": "midterm", "percent": 50},
            {"checkpoint": "final", "percent": 50},
        ]
    )
    policy, _ = StipendPolicy.objects.update_or_create(
        program=program,
        defaults={
            "organization_id": program.organization_id,
            "kind": kind,
            "flat_amount": amount,
            "currency": currency,
            "part_time_percent": part_time_percent,
            "schedule": schedule,
        },
    )
    audit_record(
        action="stipend_policy.set",
        obj=policy,
        actor=actor,
        organization=program.organization,
        data={"kind": kind, "flat_amount": str(amount or ""), "schedule": schedule},
    )
    plans_freeze_missing(program=program)
    return policy


def plans_freeze_missing(*, program) -> int:
    """Mentorships of the program confirmed before it had a (paid) policy get their plan
    now, frozen at this moment (country of residence and table as they are now); plans
    that exist never change. Only active mentorships: ended ones are past paying."""
    missing = (
        Mentorship.objects.filter(term__program=program, state="active", stipend_plan__isnull=True)
        .select_related("term", "organization")
        .order_by("pk")
    )
    made = 0
    for mentorship in missing:
        if plan_freeze(mentorship=mentorship) is not None:
            made += 1
    return made


def plan_total(*, policy: StipendPolicy, term, country: str):
    """(total, currency, table) of a plan under `policy` for a term and a country."""
    if policy.kind == PolicyKind.UNPAID:
        return Decimal("0.00"), policy.currency, None
    if policy.kind == PolicyKind.FLAT:
        total, currency, table = policy.flat_amount, policy.currency, None
    else:
        table = table_for(on=term.starts_at.date())
        if table is None:
            raise NoTableAmount("No stipend table applies to this term's start date yet.")
        total = table_amount(table=table, country=country)
        if total is None:
            raise NoTableAmount(
                "The stipend table has no amount for the mentee's country of residence."
            )
        currency = table.currency
    if term.kind == TermKind.PART_TIME and policy.part_time_percent != 100:
        total = (total * policy.part_time_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return total, currency, table


@transaction.atomic
def plan_freeze(*, mentorship) -> StipendPlan | None:
    """Freezes the mentorship's plan (called when the offer is confirmed, or when its
    program gets its first paid policy): the table version, the mentee's country of
    residence now, the total, the currency and the installments with their expected dates.
    A program without a policy or an unpaid one makes no plan. When the table has no amount
    for the country, the plan is made pending (no amounts, no installments) and the
    confirmation goes on: the admins resolve it (plan_resolve). Freezing twice changes
    nothing."""
    existing = StipendPlan.objects.filter(mentorship=mentorship).first()
    if existing is not None:
        return existing
    term = mentorship.term
    policy = StipendPolicy.objects.filter(program_id=term.program_id).first()
    if policy is None or policy.kind == PolicyKind.UNPAID:
        return None
    profile = MenteeProfile.objects.filter(user_id=mentorship.mentee_id).first()
    country = str(profile.country or "") if profile is not None else ""
    try:
        total, currency, table = plan_total(policy=policy, term=term, country=country)
    except NoTableAmount as error:
        plan = StipendPlan.objects.create(
            organization_id=mentorship.organization_id,
            mentorship=mentorship,
            program_id=term.program_id,
            kind=policy.kind,
            country=country,
            pending=True,
            total=None,
            currency=policy.currency,
        )
        audit_record(
            action="stipend_plan.pending",
            obj=plan,
            actor=None,
            organization=mentorship.organization,
            reason=error.messages[0],
            data={"country": country},
        )
        return plan
    plan = StipendPlan.objects.create(
        organization_id=mentorship.organization_id,
        mentorship=mentorship,
        program_id=term.program_id,
        kind=policy.kind,
        table=table,
        country=country,
        total=total,
        currency=currency,
    )
    _installments_make(plan=plan, mentorship=mentorship, policy=policy)
    audit_record(
        action="stipend_plan.frozen",
        obj=plan,
        actor=None,
        organization=mentorship.organization,
        data={"total": str(total), "currency": currency, "country": country},
    )
    return plan


def _installments_make(*, plan: StipendPlan, mentorship, policy: StipendPolicy) -> None:
    """The plan's installments by the policy's schedule; checkpoints that already passed
    (a plan made after the confirmation) make their installment payable at once."""
    amounts = split(plan.total, [row["percent"] for row in policy.schedule])
    Installment.objects.bulk_create(
        [
            Installment(
                organization_id=mentorship.organization_id,
                plan=plan,
                number=number,
                checkpoint=row["checkpoint"],
                percent=row["percent"],
                amount=amount,
                currency=plan.currency,
                expected_at=getattr(mentorship, DATE_FIELDS[row["checkpoint"]]),
            )
            for number, (row, amount) in enumerate(zip(policy.schedule, amounts, strict=True), 1)
        ]
    )
    from payments.payouts.services import checkpoint_passed  # payouts builds on plans

    for evaluation in Evaluation.objects.filter(
        mentorship=mentorship, state=EvaluationState.PASSED
    ).order_by("pk"):
        checkpoint_passed(evaluation=evaluation)


def pending_plans(*, organization):
    """Plans waiting for an amount (the table had none for the mentee's country)."""
    return (
        StipendPlan.objects.filter(organization=organization, pending=True)
        .select_related(
            "mentorship__mentee", "mentorship__term__program", "mentorship__term__cycle"
        )
        .order_by("created_at", "id")
    )


@transaction.atomic
def plan_resolve(*, plan: StipendPlan, actor, amount=None) -> StipendPlan:
    """An admin resolves a pending plan: with an amount (an override, in the policy's
    currency, scaled for part-time as the table would be), or, without one, from the table
    as it is now (staff fixed it). The plan is frozen at this moment, once: a plan that is
    no longer pending is refused."""
    mentorship = plan.mentorship
    if actor is not None and not actor.has_perm(
        "payments.manage_stipend_policy", mentorship.organization
    ):
        raise PermissionDenied("Only the organization's admins set a stipend's amount.")
    policy = StipendPolicy.objects.filter(program_id=plan.program_id).first()
    if policy is None or policy.kind == PolicyKind.UNPAID:
        raise ValidationError("The program has no paid stipend policy any more.")
    table = None
    if amount not in (None, ""):
        total, currency = money(amount, "amount"), policy.currency
    else:
        try:
            total, currency, table = plan_total(
                policy=policy, term=mentorship.term, country=plan.country
            )
        except NoTableAmount as error:
            raise ValidationError(
                {"amount": f"{error.messages[0]} Give an amount, or ask staff to fix the table."}
            ) from None
    moved = StipendPlan.objects.filter(pk=plan.pk, pending=True).update(
        pending=False, total=total, currency=currency, table=table, resolved_at=timezone.now()
    )
    if not moved:
        raise ValidationError("This plan already has its amount.")
    plan.refresh_from_db()
    _installments_make(plan=plan, mentorship=mentorship, policy=policy)
    audit_record(
        action="stipend_plan.resolved",
        obj=plan,
        actor=actor,
        organization=mentorship.organization,
        data={"total": str(total), "currency": currency, "override": table is None},
    )
    return plan
