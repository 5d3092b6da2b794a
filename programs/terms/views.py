from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from core.forms import apply_errors
from programs.cycles import selectors as cycles_selectors
from programs.prerequisites import selectors as prerequisites_selectors
from programs.prerequisites.forms import PrerequisiteForm
from programs.programs import selectors
from programs.programs.views import flash_error
from programs.terms import selectors as terms_selectors
from programs.terms.forms import CapacityForm, MentorAddForm, TermCreateForm, TimelineForm
from programs.terms.models import TermMentor
from programs.terms.services.mentors import (
    term_mentor_add,
    term_mentor_make_primary,
    term_mentor_remove,
)
from programs.terms.services.terms import (
    term_close_applications,
    term_create,
    term_delete,
    term_open_applications,
    term_timeline_update,
    term_update,
)
from programs.terms.timeline import accepting_applications, term_phase
from programs.timezones import format_instant


@organization_view("programs.manage_term")
def term_create_view(request, program):
    organization = request.organization
    program = selectors.program_get(organization=organization, slug=program)
    context = {
        "cycles": cycles_selectors.cycles_for_new_terms(),
        "mentors": terms_selectors.organization_mentor_choices(organization=organization),
    }
    form = TermCreateForm(**context)
    if request.method == "POST":
        form = TermCreateForm(request.POST, **context)
        if form.is_valid():
            try:
                term = term_create(program=program, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    "Term added with its timeline. Move any milestone, then open applications.",
                )
                return redirect("programs:term-detail", org=organization.slug, term=term.pk)
    return render(
        request,
        "programs/term_form.html",
        {"organization": organization, "program": program, "form": form},
    )


def term_page_context(request, term, **forms):
    organization = request.organization
    mentors = terms_selectors.organization_mentor_choices(organization=organization)
    return {
        "organization": organization,
        "term": term,
        "program": term.program,
        "phase": term_phase(term),
        "accepting": accepting_applications(term),
        "timeline": term.timeline(),
        "mentors": list(term.mentors.all()),
        "prerequisites": list(term.prerequisites.all()),
        "standing": list(prerequisites_selectors.standing_prerequisites(organization=organization)),
        "can_manage": request.user.has_perm("programs.manage_term", organization),
        "can_view_decisions": request.user.has_perm("applications.view_decision", term),
        "capacity_form": forms.get("capacity_form")
        or CapacityForm(initial={"capacity": term.capacity}),
        "mentor_form": forms.get("mentor_form") or MentorAddForm(mentors=mentors),
        "prerequisite_form": forms.get("prerequisite_form") or PrerequisiteForm(),
    }


@organization_view("programs.view_term")
def term_detail(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    return render(request, "programs/term_detail.html", term_page_context(request, term))


def back_to_term(request, term):
    return redirect("programs:term-detail", org=request.organization.slug, term=term.pk)


@organization_view("programs.manage_term")
@require_POST
def term_capacity(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            term_update(term=term, actor=request.user, capacity=form.cleaned_data["capacity"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Capacity saved.")
            return back_to_term(request, term)
    return render(
        request,
        "programs/term_detail.html",
        term_page_context(request, term, capacity_form=form),
        status=400,
    )


@organization_view("programs.manage_term")
def term_timeline(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    form = TimelineForm(term=term)
    if request.method == "POST":
        form = TimelineForm(request.POST, term=term)
        if form.is_valid():
            try:
                term_timeline_update(term=term, actor=request.user, changes=form.changes())
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Timeline saved.")
                return back_to_term(request, term)
    return render(
        request,
        "programs/term_timeline.html",
        {"organization": request.organization, "term": term, "form": form},
    )


@organization_view("programs.manage_term")
@require_POST
def term_open(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    try:
        term = term_open_applications(term=term, actor=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            f"Applications are open until {format_instant(term.applications_close_at)}.",
        )
    return back_to_term(request, term)


@organization_view("programs.manage_term")
@require_POST
def term_close(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    try:
        term = term_close_applications(term=term, actor=request.user)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(
            request,
            "Applications are closed to new applicants. Drafts already started can still be "
            f"submitted until {format_instant(term.applications_close_at)}; you can reopen "
            "before then.",
        )
    return back_to_term(request, term)


@organization_view("programs.manage_term")
@require_POST
def term_delete_view(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    program = term.program
    try:
        term_delete(term=term, actor=request.user)
    except ValidationError as error:
        flash_error(request, error)
        return back_to_term(request, term)
    messages.success(request, "Term deleted.")
    return redirect("programs:program-detail", org=request.organization.slug, program=program.slug)


@organization_view("programs.manage_term")
@require_POST
def term_mentor_add_view(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    mentors = terms_selectors.organization_mentor_choices(organization=request.organization)
    form = MentorAddForm(request.POST, mentors=mentors)
    if form.is_valid():
        try:
            term_mentor_add(term=term, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['user']} now mentors this term.")
            return back_to_term(request, term)
    return render(
        request,
        "programs/term_detail.html",
        term_page_context(request, term, mentor_form=form),
        status=400,
    )


def _term_mentor(request, term, mentor) -> TermMentor:
    from django.http import Http404

    found = (
        terms_selectors.organization_term_mentors(organization=request.organization)
        .filter(term_id=term, pk=mentor)
        .first()
    )
    if found is None:
        raise Http404("No such mentor.")
    return found


@organization_view("programs.manage_term")
@require_POST
def term_mentor_primary(request, term, mentor):
    found = _term_mentor(request, term, mentor)
    term_mentor_make_primary(mentor=found, actor=request.user)
    messages.success(request, f"{found.user} is now the primary mentor.")
    return back_to_term(request, found.term)


@organization_view("programs.manage_term")
@require_POST
def term_mentor_remove_view(request, term, mentor):
    found = _term_mentor(request, term, mentor)
    term_mentor_remove(mentor=found, actor=request.user)
    messages.success(request, f"{found.user} no longer mentors this term.")
    return back_to_term(request, found.term)
