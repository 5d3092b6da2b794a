from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from mentorship.forms import apply_errors
from programs import selectors
from programs.forms import (
    ProgramForm,
)
from programs.services.programs import (
    program_archive,
    program_create,
    program_submit,
    program_update,
)
from programs.timeline import term_phase


def _can_manage(request) -> bool:
    return request.user.has_perm("programs.manage_program", request.organization)


def _flash_error(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@organization_view("programs.manage_program")
def program_create_view(request):
    organization = request.organization
    form = ProgramForm()
    if request.method == "POST":
        form = ProgramForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                program = program_create(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Program “{program.name}” created as a draft. Submit it for approval when "
                    "it is ready.",
                )
                return redirect(
                    "programs:program-detail", org=organization.slug, program=program.slug
                )
    return render(
        request, "programs/program_form.html", {"organization": organization, "form": form}
    )


@organization_view("programs.view_program")
def program_detail(request, program):
    organization = request.organization
    program = selectors.program_get(organization=organization, slug=program)
    terms = list(selectors.organization_terms(organization=organization).filter(program=program))
    for term in terms:
        term.phase = term_phase(term)
    return render(
        request,
        "programs/program_detail.html",
        {
            "organization": organization,
            "program": program,
            "terms": terms,
            "history": selectors.program_history(program=program),
            "can_manage": _can_manage(request),
        },
    )


@organization_view("programs.manage_program")
def program_edit(request, program):
    organization = request.organization
    program = selectors.program_get(organization=organization, slug=program)
    form = ProgramForm(initial=ProgramForm.initial_for(program))
    if request.method == "POST":
        form = ProgramForm(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            if not data.get("logo"):
                data.pop("logo", None)
            try:
                program_update(program=program, actor=request.user, **data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Program saved.")
                return redirect(
                    "programs:program-detail", org=organization.slug, program=program.slug
                )
    return render(
        request,
        "programs/program_form.html",
        {"organization": organization, "form": form, "program": program},
    )


@organization_view("programs.manage_program")
@require_POST
def program_submit_view(request, program):
    program = selectors.program_get(organization=request.organization, slug=program)
    try:
        program_submit(program=program, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, "Submitted: platform staff will review it and email the admins.")
    return redirect("programs:program-detail", org=request.organization.slug, program=program.slug)


@organization_view("programs.manage_program")
@require_POST
def program_archive_view(request, program):
    program = selectors.program_get(organization=request.organization, slug=program)
    try:
        program_archive(program=program, actor=request.user)
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(request, "Archived: the program is no longer listed.")
    return redirect("programs:program-detail", org=request.organization.slug, program=program.slug)
