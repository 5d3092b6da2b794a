"""Platform staff: cycles and the program approval queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import staff_view
from mentorship.forms import apply_errors
from programs import selectors
from programs.forms import CycleForm, RejectForm
from programs.models import Cycle, ProgramStatus
from programs.services.cycles import cycle_create, cycle_update
from programs.services.programs import program_approve, program_reject


@staff_view
def staff_cycles(request):
    form = CycleForm()
    if request.method == "POST":
        form = CycleForm(request.POST)
        if form.is_valid():
            try:
                cycle = cycle_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Cycle “{cycle.name}” created.")
                return redirect("programs:staff-cycles")
    return render(
        request, "programs/staff_cycles.html", {"form": form, "cycles": selectors.cycles()}
    )


@staff_view
def staff_cycle_edit(request, cycle):
    cycle = get_object_or_404(Cycle, pk=cycle)
    form = CycleForm(instance=cycle)
    if request.method == "POST":
        form = CycleForm(request.POST, instance=Cycle.objects.get(pk=cycle.pk))
        if form.is_valid():
            try:
                cycle_update(cycle=cycle, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Cycle saved.")
                return redirect("programs:staff-cycles")
    return render(request, "programs/staff_cycle_edit.html", {"form": form, "cycle": cycle})


@staff_view
def staff_programs(request):
    status = request.GET.get("status", ProgramStatus.SUBMITTED)
    if status not in ProgramStatus.values:
        status = ProgramStatus.SUBMITTED
    return render(
        request,
        "programs/staff_programs.html",
        {
            "programs": selectors.staff_programs(status=status),
            "status": status,
            "statuses": ProgramStatus.choices,
        },
    )


def _decision_page(request, program, reject_form=None, status=200):
    return render(
        request,
        "programs/staff_program.html",
        {
            "program": program,
            "history": selectors.program_history(program=program),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


@staff_view
def staff_program(request, program):
    return _decision_page(request, selectors.staff_program_get(pk=program))


@staff_view
@require_POST
def staff_program_approve(request, program):
    program = selectors.staff_program_get(pk=program)
    try:
        program_approve(program=program, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("programs:staff-program", program=program.pk)
    messages.success(request, f"“{program.name}” is approved and published; its admins are told.")
    return redirect("programs:staff-programs")


@staff_view
@require_POST
def staff_program_reject(request, program):
    program = selectors.staff_program_get(pk=program)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            program_reject(program=program, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"“{program.name}” is rejected; its admins are told why.")
            return redirect("programs:staff-programs")
    return _decision_page(request, program, reject_form=form, status=400)
