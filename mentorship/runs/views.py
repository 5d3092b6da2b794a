"""Matching pages. Staff (/staff/matching/): the matched cycles and their runs, starting a
run, a run's progress (polled with HTMX while it runs), its whole result, its audit export
and publication. An organization's admins (/o/<org>/matching/): their terms' proposed
placements. Thin shells over mentorship.runs.services and selectors."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view, staff_view
from mentorship.runs import selectors
from mentorship.runs.services.runs import match_run_publish, match_run_start


@staff_view
def staff_matching(request):
    cycles = list(selectors.matched_cycles())
    by_cycle: dict[int, list] = {}
    for run in selectors.runs().filter(cycle__in=cycles):
        by_cycle.setdefault(run.cycle_id, []).append(run)
    rows = [{"cycle": cycle, "runs": by_cycle.get(cycle.pk, [])} for cycle in cycles]
    return render(request, "mentorship/runs/staff_matching.html", {"rows": rows})


@staff_view
@require_POST
def staff_run_start(request, cycle):
    cycle = selectors.cycle_get(pk=cycle)
    try:
        run = match_run_start(cycle=cycle, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("mentorship:staff-matching")
    messages.success(request, f"Run {run.pk} of “{cycle.name}” started.")
    return redirect("mentorship:staff-run", run=run.pk)


@staff_view
def staff_run(request, run):
    run = selectors.run_get(pk=run)
    preview = selectors.run_staff_preview(run=run) if run.status == "succeeded" else None
    return render(request, "mentorship/runs/staff_run.html", {"run": run, "preview": preview})


@staff_view
def staff_run_progress(request, run):
    run = selectors.run_progress_get(pk=run)
    return render(request, "mentorship/runs/_progress.html", {"run": run})


@staff_view
def staff_run_export(request, run):
    run = selectors.run_get(pk=run)
    if run.status != "succeeded":
        messages.error(request, "Only a succeeded run has a result to export.")
        return redirect("mentorship:staff-run", run=run.pk)
    response = HttpResponse(
        json.dumps(selectors.run_export(run=run), indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="matching-run-{run.pk}.json"'
    return response


@staff_view
@require_POST
def staff_run_publish(request, run):
    run = selectors.run_get(pk=run)
    try:
        result = match_run_publish(run=run, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if result["already_published"]:
            messages.info(request, "This run was already published; nothing changed.")
        else:
            messages.success(
                request,
                f"Published: {result['accepted']} acceptance(s). Mentees see their offers "
                "at the cycle's announcement.",
            )
    return redirect("mentorship:staff-run", run=run.pk)


@organization_view("mentorship.preview_matching")
def organization_matching(request):
    return render(
        request,
        "mentorship/runs/org_matching.html",
        {
            "organization": request.organization,
            "runs": selectors.organization_runs(organization=request.organization),
        },
    )


@organization_view("mentorship.preview_matching")
def organization_run(request, run):
    run = selectors.organization_run_get(organization=request.organization, pk=run)
    return render(
        request,
        "mentorship/runs/org_run.html",
        {
            "organization": request.organization,
            "run": run,
            "terms": selectors.organization_preview(run=run, organization=request.organization),
        },
    )
