from django.db.models import QuerySet

from core.pagination import KeysetPage, SortKey, keyset_page
from core.tenancy import cross_tenant
from payments.payouts.models import Payout
from payments.plans.models import Installment, StipendPlan

LIST_RELATED = (
    "mentorship__mentee",
    "installment",
    "term__program",
    "organization",
    "retry_of",
)


def organization_payouts(*, organization) -> QuerySet[Payout]:
    """An organization's payouts, newest first, with what the lists show (no query per row)."""
    return (
        Payout.objects.filter(organization=organization)
        .select_related(*LIST_RELATED)
        .order_by("-created_at", "-id")
    )


# Admins read the newest first; the staff queue the oldest first (paid in turn).
ORGANIZATION_ORDER = [SortKey("created_at", descending=True), SortKey("id", descending=True)]
STAFF_ORDER = [SortKey("created_at"), SortKey("id")]


def organization_payout_page(
    *, organization, rows: QuerySet, size: int, after=None, before=None, last=False
) -> KeysetPage:
    """One keyset page of the organization's (filtered) payouts: as cheap deep in the list
    as at its start, and the same number of queries for 10 payouts as for 100,000."""
    base = organization_payouts(organization=organization)
    return keyset_page(
        rows.order_by(),
        keys=ORGANIZATION_ORDER,
        boundary=Payout.objects.filter(organization=organization),
        row_source=base,
        cursor_field="public_id",
        size=size,
        after=after,
        before=before,
        last=last,
    )


def organization_payout_get(*, organization, public_id) -> Payout:
    return organization_payouts(organization=organization).get(public_id=public_id)


@cross_tenant
def staff_payout_page(
    *, state: str = "", organization: str = "", size: int, after=None, before=None, last=False
) -> KeysetPage:
    """One keyset page of the payment queue, oldest first (cross-tenant: the queue spans
    every organization; evaluated here, out of the scope)."""
    rows = Payout.objects.all()
    if state:
        rows = rows.filter(state=state)
    if organization:
        rows = rows.filter(organization__slug=organization)
    return keyset_page(
        rows,
        keys=STAFF_ORDER,
        boundary=Payout.objects.all(),
        row_source=Payout.objects.select_related(*LIST_RELATED),
        cursor_field="public_id",
        size=size,
        after=after,
        before=before,
        last=last,
    )


@cross_tenant
def staff_payout_get(*, public_id) -> Payout:
    """One payout by its public id, for staff (cross-tenant: the queue spans them)."""
    return Payout.objects.select_related(*LIST_RELATED).get(public_id=public_id)


@cross_tenant
def staff_payout_csv_rows(*, state: str = ""):
    """The rows of finance's CSV, read with a server-side cursor while the response streams
    (cross-tenant: staff export every organization's payouts; the queryset is built here,
    out of the scope, and its iterator runs later as the response is sent)."""
    rows = Payout.objects.order_by("created_at", "id")
    if state:
        rows = rows.filter(state=state)
    return rows.values_list(
        "public_id",
        "organization__slug",
        "program__name",
        "mentorship__mentee__email",
        "mentorship__mentee__display_name",
        "installment__number",
        "amount",
        "currency",
        "state",
        "approved_at",
        "paid_on",
        "reference",
        "reason",
    ).iterator(chunk_size=2000)


@cross_tenant
def my_stipend_plans(*, user) -> list[StipendPlan]:
    """The person's own plans in every organization (cross-tenant: a person may have
    mentorships in several; filtered by the mentee), with installments and payouts."""
    plans = list(
        StipendPlan.objects.filter(mentorship__mentee=user)
        .select_related("mentorship__term__program", "organization")
        .order_by("-created_at")
    )
    by_plan = {plan.pk: plan for plan in plans}
    installments = list(Installment.objects.filter(plan_id__in=by_plan).order_by("plan", "number"))
    payouts = {}
    for payout in (
        Payout.objects.filter(installment__in=installments)
        .select_related("reversal")
        .order_by("created_at", "id")
    ):
        payouts.setdefault(payout.installment_id, []).append(payout)
    for plan in plans:
        plan.installment_rows = []
    for installment in installments:
        _current(installment, payouts.get(installment.pk, []))
        by_plan[installment.plan_id].installment_rows.append(installment)
    return plans


def _current(installment, rows) -> None:
    """The payout an installment's row shows (its live one, else the latest), and its
    reversed payouts (corrections: each a paid payout and its reversal entry)."""
    installment.payout_rows = rows
    live = [p for p in rows if p.state not in ("failed", "retried", "reversed")]
    installment.current = live[-1] if live else (rows[-1] if rows else None)
    installment.reversed_rows = [p for p in rows if p.state == "reversed"]


def mentorship_plan(*, mentorship) -> StipendPlan | None:
    """A mentorship's plan with its installments and their current payout (inside its
    organization's scope)."""
    plan = StipendPlan.objects.filter(mentorship=mentorship).first()
    if plan is None:
        return None
    plan.installment_rows = list(plan.installments.order_by("number"))
    payouts = {}
    for payout in (
        Payout.objects.filter(installment__plan=plan)
        .select_related("reversal")
        .order_by("created_at", "id")
    ):
        payouts.setdefault(payout.installment_id, []).append(payout)
    for installment in plan.installment_rows:
        _current(installment, payouts.get(installment.pk, []))
    return plan
