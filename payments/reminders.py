"""Late-stipend reminders (core.reminders): payable installments an organization's admins
have not approved 7 days after their checkpoint passed, and approved payouts platform staff
have not paid 7 days after the approval. One reminder per organization (or, for staff, one
for the platform) per day on which payouts became late, listing how many: a bulk of 10,000
payouts is one email, not 10,000. Each payout is in exactly one such reminder, sent once
per recipient (the claims)."""

from collections import defaultdict
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.urls import reverse

from accounts.organizations.models import Membership, Organization, Role
from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant
from payments.payouts.models import Payout, PayoutState

LATE_AFTER = timedelta(days=7)
# Payouts late for longer than this are no longer reminded (the lists show them).
REMINDED_FOR = timedelta(days=30)


def _late_days(*, state: str, since_field: str, start: datetime, end: datetime, term_id=None):
    """(organization id, day the payouts entered `state`, how many) of the payouts in `state`
    that became late (LATE_AFTER after `since_field`) between `start` and `end`, grouped by
    the day they entered it."""
    payouts = Payout.objects.filter(
        state=state,
        **{
            f"{since_field}__gte": start - LATE_AFTER,
            f"{since_field}__lte": end - LATE_AFTER,
        },
    )
    if term_id is not None:
        payouts = payouts.filter(term_id=term_id)
    rows = (
        payouts.annotate(day=TruncDate(since_field, tzinfo=UTC))
        .values("organization_id", "day")
        .annotate(count=Count("id"))
        .order_by("organization_id", "day")
    )
    return [(r["organization_id"], r["day"], r["count"]) for r in rows]


def _at(day) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


@cross_tenant
def unapproved(start: datetime, end: datetime, term_id: int | None = None) -> list[Due]:
    """CROSS-TENANT (the sweep serves every organization): payable payouts not approved a
    week after their checkpoint passed; each organization's own admins hear of its own."""
    late = _late_days(
        state=PayoutState.PAYABLE, since_field="created_at", start=start, end=end, term_id=term_id
    )
    if not late:
        return []
    organizations = Organization.objects.in_bulk({org for org, _, _ in late})
    admins: dict[int, list[int]] = defaultdict(list)
    for organization_id, user_id in Membership.objects.filter(
        organization_id__in=organizations, role=Role.ADMIN
    ).values_list("organization_id", "user_id"):
        admins[organization_id].append(user_id)
    dues = []
    for organization_id, day, count in late:
        organization = organizations[organization_id]
        if not admins[organization_id]:
            continue
        link = reverse("payments:org-payouts", kwargs={"org": organization.slug})
        dues.append(
            Due(
                subject=subject_key("payouts-unapproved", organization_id, _at(day)),
                organization_id=organization_id,
                at=_at(day) + LATE_AFTER,
                term_id=term_id,
                recipient_ids=admins[organization_id],
                context={
                    "count": count,
                    "organization": organization.name,
                    "since": _at(day),
                    "days": LATE_AFTER.days,
                    "link": settings.SITE_URL.rstrip("/") + link + "?state=payable",
                    "link_text": "Payable stipends",
                },
            )
        )
    return dues


@cross_tenant
def unpaid(start: datetime, end: datetime, term_id: int | None = None) -> list[Due]:
    """CROSS-TENANT (the sweep): approved payouts not paid a week after their approval, to
    platform staff (who pay every organization's), one reminder per day of approval."""
    late = _late_days(
        state=PayoutState.APPROVED, since_field="approved_at", start=start, end=end, term_id=term_id
    )
    if not late:
        return []
    staff = list(
        get_user_model()
        .objects.filter(is_staff=True, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not staff:
        return []
    by_day: dict = defaultdict(int)
    for _, day, count in late:
        by_day[day] += count
    link = settings.SITE_URL.rstrip("/") + reverse("payments:staff-payouts") + "?state=approved"
    return [
        Due(
            subject=subject_key("payouts-unpaid", 0, _at(day)),
            organization_id=None,
            at=_at(day) + LATE_AFTER,
            recipient_ids=staff,
            context={
                "count": count,
                "since": _at(day),
                "days": LATE_AFTER.days,
                "link": link,
                "link_text": "The payment queue",
            },
        )
        for day, count in sorted(by_day.items())
    ]


register(
    ReminderRule(
        name="payments.stipends_not_approved",
        trigger="7 days after an installment became payable (its evaluation passed) while "
        "nobody approved or declined it (up to 30 days)",
        audience="The organization's admins",
        template="stipends_not_approved",
        find=unapproved,
        window=(-REMINDED_FOR, timedelta(0)),
        optional=True,
    )
)
register(
    ReminderRule(
        name="payments.stipends_not_paid",
        trigger="7 days after a payout was approved while it is not paid (up to 30 days)",
        audience="Platform staff",
        template="stipends_not_paid",
        find=unpaid,
        window=(-REMINDED_FOR, timedelta(0)),
        optional=True,
        staff_only=True,
    )
)
