"""Admins' page of their programs' stipend policies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view
from core.forms import apply_errors
from payments.plans.forms import PolicyForm
from payments.plans.models import StipendPolicy
from payments.plans.services import policy_set
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
                "frozen earlier keep theirs.",
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
        },
    )
