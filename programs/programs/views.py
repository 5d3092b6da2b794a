"""Platform staff: cycles and the program approval queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.organizations.models import ROLE_DESCRIPTIONS
from accounts.organizations.selectors import organization_members
from accounts.tenancy import organization_view, staff_view
from core.forms import apply_errors
from programs.programs import selectors
from programs.programs.filters import StaffProgramFilterSet
from programs.programs.forms import ProgramForm, RejectForm
from programs.programs.models import ProgramStatus
from programs.programs.selectors import organization_dashboard
from programs.programs.services import (
    program_approve,
    program_archive,
    program_create,
    program_reject,
    program_submit,
    program_update,
)
from programs.terms import selectors as terms_selectors
from programs.terms.timeline import term_phase

STAFF_PROGRAMS_PER_PAGE = 50


def can_manage_program(request) -> bool:
    return request.user.has_perm("programs.manage_program", request.organization)


def flash_error(request, error: ValidationError) -> None:
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
    terms = list(
        terms_selectors.organization_terms(organization=organization).filter(program=program)
    )
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
            "can_manage": can_manage_program(request),
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
        flash_error(request, error)
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
        flash_error(request, error)
    else:
        messages.success(request, "Archived: the program is no longer listed.")
    return redirect("programs:program-detail", org=request.organization.slug, program=program.slug)


@staff_view
def staff_programs(request):
    filterset = StaffProgramFilterSet(request.GET)
    page = Paginator(filterset.qs, STAFF_PROGRAMS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/staff_programs.html",
        {
            "programs": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "status": filterset.wanted_status,
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


@organization_view("accounts.view_organization")
def organization_home(request):
    """The organization's home: its programs and terms at a glance, and its members."""
    organization = request.organization
    return render(
        request,
        "accounts/organization_home.html",
        {
            "organization": organization,
            "members": organization_members(organization=organization),
            "roles": ROLE_DESCRIPTIONS.items(),
            "can_manage": request.user.has_perm("accounts.manage_members", organization),
            "dashboard": organization_dashboard(organization=organization),
            "can_manage_programs": request.user.has_perm("programs.manage_program", organization),
            "can_manage_policy": request.user.has_perm("accounts.manage_policy", organization),
            "can_view_mentorships": request.user.has_perm(
                "mentorship.view_every_mentorship", organization
            ),
            "can_manage_decision_texts": request.user.has_perm(
                "applications.manage_decision_texts", organization
            ),
        },
    )
