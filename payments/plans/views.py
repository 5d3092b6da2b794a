"""Admins' page of their programs' stipend policies."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from core.forms import apply_errors
from payments.plans.forms import PolicyForm
from payments.plans.models import StipendPlan, StipendPolicy
from payments.plans.services import pending_plans, plan_resolve, policy_set
from programs.programs.models import Program


@organization_view("payments.manage_stipend_policy")
def organization_policies(request):
    programs = Program.objects.filter(organization=request.organization).order_by("name")
    form = PolicyForm(request.POST or None, programs=programs)
    if request.method == "POST" and form.is_valid():
        try:
            policy_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The stipend policy of {form.cleaned_data['program'].name} is saved; plans "
                "frozen earlier keep theirs, mentees confirmed without a plan get one now.",
            )
            return redirect("payments:org-policies", org=request.organization.slug)
    policies = {
        p.program_id: p for p in StipendPolicy.objects.filter(organization=request.organization)
    }
    return render(
        request,
        "payments/organization_policies.html",
        {
            "organization": request.organization,
            "form": form,
            "rows": [(program, policies.get(program.pk)) for program in programs],
            "pending": list(pending_plans(organization=request.organization)[:200]),
        },
    )


@organization_view("payments.manage_stipend_policy")
@require_POST
def organization_plan_resolve(request, plan):
    """Resolves a pending plan: the amount given, or the table as it is now."""
    found = get_object_or_404(
        StipendPlan.objects.select_related("mentorship__mentee", "mentorship__term"),
        organization=request.organization,
        public_id=plan,
    )
    try:
        plan_resolve(plan=found, actor=request.user, amount=request.POST.get("amount") or None)
    except (ValidationError, PermissionDenied) as error:
        text = (
            " ".join(m for ms in error.message_dict.values() for m in ms)
            if isinstance(error, ValidationError) and hasattr(error, "error_dict")
            else " ".join(getattr(error, "messages", [str(error)]))
        )
        messages.error(request, text)
    else:
        messages.success(request, f"The stipend of {found.mentorship.mentee.name} is set.")
    return redirect("payments:org-policies", org=request.organization.slug)
