from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from accounts.tenancy import staff_view
from core.forms import apply_errors
from programs.cycles import selectors as cycles_selectors
from programs.cycles.forms import CycleForm
from programs.cycles.models import Cycle
from programs.cycles.services import cycle_create, cycle_update


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
        request, "programs/staff_cycles.html", {"form": form, "cycles": cycles_selectors.cycles()}
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
