"""Pages of payouts: the mentee's /me/stipend/, an organization's payouts (admins: filter,
approve, decline, approve many with the count confirmed) and the staff payment queue
(pay, fail, retry, CSV for finance)."""

import uuid
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_scopes import scope

from accounts.tenancy import organization_view, staff_view
from core.csv import csv_response
from payments.payouts import selectors
from payments.payouts.filters import PayoutFilterSet
from payments.payouts.models import PayoutState
from payments.payouts.services import (
    payout_approve,
    payout_decline,
    payout_fail,
    payout_pay,
    payout_retry,
    payouts_bulk_approve,
)
from programs.programs.models import Program
from programs.terms.models import Term

PAGE_SIZE = 100  # rows a page shows; keyset pages (after=/before= a payout) give the rest


def _cursor(request, name: str) -> str | None:
    """A page cursor from the query string: a payout's public id, else nothing."""
    try:
        return str(uuid.UUID(request.GET.get(name, "")))
    except ValueError:
        return None


def _page_args(request) -> dict:
    return {
        "size": PAGE_SIZE,
        "after": _cursor(request, "after"),
        "before": _cursor(request, "before"),
        "last": request.GET.get("page") == "last",
    }


@login_required
def my_stipend(request):
    return render(
        request,
        "payments/my_stipend.html",
        {"plans": selectors.my_stipend_plans(user=request.user)},
    )


def _refusal(request, error) -> None:
    if isinstance(error, ValidationError):
        text = (
            " ".join(message for messages_ in error.message_dict.values() for message in messages_)
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
    else:
        text = str(error) or "You cannot do this."
    messages.error(request, text)


def _name_the_choices(form, organization) -> None:
    """The term and program filters offer the organization's terms and programs by name
    (the API takes their ids)."""
    terms = Term.objects.filter(organization=organization).select_related("program", "cycle")
    programs = Program.objects.filter(organization=organization).order_by("name")
    form.fields["term"].widget = forms.Select(
        choices=[("", "Any")] + [(t.pk, f"{t.program.name} · {t.cycle.name}") for t in terms]
    )
    form.fields["program"].widget = forms.Select(
        choices=[("", "Any")] + [(p.pk, p.name) for p in programs]
    )


@organization_view("payments.view_payouts")
def organization_payouts(request):
    filterset = PayoutFilterSet(
        request.GET or None,
        queryset=selectors.organization_payouts(organization=request.organization),
    )
    _name_the_choices(filterset.form, request.organization)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    page = selectors.organization_payout_page(
        organization=request.organization, rows=rows, **_page_args(request)
    )
    payouts = list(page.object_list)
    return render(
        request,
        "payments/organization_payouts.html",
        {
            "organization": request.organization,
            "filterset": filterset,
            "page": page,
            "payouts": payouts,
            # The bulk approval asks only when this page has something to approve.
            "approvable": any(p.state == PayoutState.PAYABLE for p in payouts),
            "query": request.GET.urlencode(),
        },
    )


@organization_view("payments.approve_payout")
@require_POST
def organization_payouts_approve(request):
    ids = request.POST.getlist("payouts")
    try:
        approved = payouts_bulk_approve(
            organization=request.organization,
            actor=request.user,
            ids=ids,
            expected_count=request.POST.get("count"),
        )
    except (ValidationError, PermissionDenied) as error:
        _refusal(request, error)
    else:
        messages.success(request, f"{approved} payout{'' if approved == 1 else 's'} approved.")
    return redirect("payments:org-payouts", org=request.organization.slug)


@organization_view("payments.approve_payout")
@require_POST
def organization_payout_move(request, payout, move):
    try:
        found = selectors.organization_payout_get(
            organization=request.organization, public_id=payout
        )
    except (ObjectDoesNotExist, ValidationError):
        raise Http404() from None
    try:
        if move == "approve":
            payout_approve(payout=found, actor=request.user)
        elif move == "decline":
            payout_decline(payout=found, actor=request.user, reason=request.POST.get("reason", ""))
        else:
            raise Http404()
    except (ValidationError, PermissionDenied) as error:
        _refusal(request, error)
    else:
        messages.success(request, f"The payout to {found.mentorship.mentee.name} is {found.state}.")
    return redirect("payments:org-payouts", org=request.organization.slug)


@staff_view
def staff_payouts(request):
    state = request.GET.get("state", PayoutState.APPROVED)
    if state not in PayoutState.values:
        state = ""
    organization = request.GET.get("organization", "")[:60]
    page = selectors.staff_payout_page(
        state=state, organization=organization, **_page_args(request)
    )
    return render(
        request,
        "payments/staff_payouts.html",
        {
            "page": page,
            "payouts": page.object_list,
            "count": page.count,
            "state": state,
            "states": PayoutState.choices,
            "organization": organization,
            "today": timezone.localdate().isoformat(),  # a date input's value
        },
    )


@staff_view
def staff_payouts_export(request):
    state = request.GET.get("state", "")
    if state not in PayoutState.values:
        state = ""
    return csv_response(
        filename=f"payouts-{state or 'all'}.csv",
        header=[
            "payout",
            "organization",
            "program",
            "mentee email",
            "mentee",
            "installment",
            "amount",
            "currency",
            "state",
            "approved at",
            "paid on",
            "reference",
            "reason",
        ],
        rows=selectors.staff_payout_csv_rows(state=state),
    )


@staff_view
@require_POST
def staff_payout_move(request, payout, move):
    try:
        found = selectors.staff_payout_get(public_id=payout)
    except (ObjectDoesNotExist, ValidationError):
        raise Http404() from None
    try:
        with scope(organization=found.organization_id):
            if move == "pay":
                try:
                    paid_on = date.fromisoformat(request.POST.get("paid_on", ""))
                except ValueError:
                    raise ValidationError(
                        {"paid_on": "Give the payment date as YYYY-MM-DD."}
                    ) from None
                payout_pay(
                    payout=found,
                    actor=request.user,
                    reference=request.POST.get("reference", ""),
                    paid_on=paid_on,
                )
            elif move == "fail":
                payout_fail(payout=found, actor=request.user, reason=request.POST.get("reason", ""))
            elif move == "retry":
                payout_retry(payout=found, actor=request.user)
            else:
                raise Http404()
    except (ValidationError, PermissionDenied) as error:
        _refusal(request, error)
    else:
        messages.success(request, f"The payout to {found.mentorship.mentee.name} is {found.state}.")
    return redirect("payments:staff-payouts")
