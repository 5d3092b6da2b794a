"""The organization's funds and ledger (admins): record funds received, see each program's
received, committed, paid and balance, with a warning when commitments exceed the funds,
and export the entries as CSV."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from core.csv import csv_response
from core.forms import apply_errors
from payments.funds.forms import FundForm
from payments.funds.models import Fund, PublishedLedger
from payments.funds.selectors import ledgers_by_program
from payments.funds.services import fund_record, ledger_publish
from payments.payouts.models import Payout, PayoutReversal, PayoutState
from programs.programs.models import Program


@organization_view("payments.manage_funds")
def organization_funds(request):
    programs = Program.objects.filter(organization=request.organization).order_by("name")
    form = FundForm(request.POST or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        try:
            fund_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The funds are recorded.")
            return redirect("payments:org-funds", org=request.organization.slug)
    published = set(
        PublishedLedger.objects.filter(organization=request.organization).values_list(
            "program_id", flat=True
        )
    )
    for program in programs:
        program.ledger_is_public = program.pk in published
    by_program = ledgers_by_program(programs=programs)
    ledgers = [(program, by_program[program.pk]) for program in programs]
    return render(
        request,
        "payments/organization_funds.html",
        {
            "organization": request.organization,
            "form": form,
            "ledgers": ledgers,
            "funds": Fund.objects.filter(organization=request.organization)
            .select_related("program")
            .order_by("-received_on", "-id")[:100],
        },
    )


@organization_view("payments.manage_funds")
@require_POST
def organization_ledger_publish(request, program):
    """Publishes (or withdraws) a program's ledger totals on its public page."""
    found = get_object_or_404(Program, organization=request.organization, slug=program)
    published = request.POST.get("published") == "1"
    try:
        ledger_publish(program=found, actor=request.user, published=published)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"The ledger totals of {found.name} are "
            + ("now on its public page." if published else "no longer public."),
        )
    return redirect("payments:org-funds", org=request.organization.slug)


@organization_view("payments.manage_funds")
def organization_ledger_export(request):
    funds = Fund.objects.filter(organization=request.organization).values_list(
        "received_on", "program__name", "sponsor", "reference", "amount", "currency"
    )
    paid = Payout.objects.filter(
        organization=request.organization, state__in=[PayoutState.PAID, PayoutState.REVERSED]
    )
    paid = paid.values_list(
        "paid_on",
        "program__name",
        "mentorship__mentee__display_name",
        "reference",
        "amount",
        "currency",
    )

    reversals = PayoutReversal.objects.filter(organization=request.organization).values_list(
        "created_at",
        "program__name",
        "payout__mentorship__mentee__display_name",
        "payout__reference",
        "amount",
        "currency",
    )

    def rows():
        for on, program, sponsor, reference, amount, currency in funds.iterator(chunk_size=2000):
            yield [on, program, "received", sponsor, reference, amount, currency]
        for on, program, mentee, reference, amount, currency in paid.iterator(chunk_size=2000):
            yield [on, program, "paid", mentee, reference, -amount, currency]
        # A correction is its own entry: the paid row above stays, this one gives it back.
        for at, program, mentee, reference, amount, currency in reversals.iterator(chunk_size=2000):
            yield [at.date(), program, "reversed", mentee, reference, amount, currency]

    return csv_response(
        filename=f"ledger-{request.organization.slug}.csv",
        header=["date", "program", "entry", "from / to", "reference", "amount", "currency"],
        rows=rows(),
    )
