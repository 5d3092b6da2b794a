from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from core.errors import Conflict
from core.forms import apply_errors
from programs.prerequisites import selectors as prerequisites_selectors
from programs.prerequisites.forms import PrerequisiteForm
from programs.prerequisites.services import prerequisite_create, prerequisite_delete
from programs.programs.views import can_manage_program
from programs.terms import selectors as terms_selectors
from programs.terms.views import back_to_term, term_page_context


@organization_view("programs.manage_term")
@require_POST
def term_prerequisite_add(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    form = PrerequisiteForm(request.POST)
    if form.is_valid():
        try:
            prerequisite_create(
                organization=request.organization,
                actor=request.user,
                term=term,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Prerequisite added.")
            return back_to_term(request, term)
    return render(
        request,
        "programs/term_detail.html",
        term_page_context(request, term, prerequisite_form=form),
        status=400,
    )


@organization_view("programs.view_program")
def standing_prerequisites(request):
    organization = request.organization
    can_manage = can_manage_program(request)
    form = PrerequisiteForm(standing=True)
    if request.method == "POST":
        if not can_manage:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Your role in this organization cannot do this.")
        form = PrerequisiteForm(request.POST, standing=True)
        if form.is_valid():
            try:
                prerequisite_create(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Standing prerequisite added: it applies to every term.")
                return redirect("programs:standing-prerequisites", org=organization.slug)
    return render(
        request,
        "programs/standing_prerequisites.html",
        {
            "organization": organization,
            "prerequisites": prerequisites_selectors.standing_prerequisites(
                organization=organization
            ),
            "form": form,
            "can_manage": can_manage,
        },
    )


@organization_view("programs.manage_program")
@require_POST
def prerequisite_delete_view(request, prerequisite):
    from django.http import Http404

    found = (
        prerequisites_selectors.organization_prerequisites(organization=request.organization)
        .filter(pk=prerequisite)
        .first()
    )
    if found is None:
        raise Http404("No such prerequisite.")
    try:
        prerequisite_delete(prerequisite=found, actor=request.user)
    except Conflict as conflict:
        messages.error(request, conflict.message)
    else:
        messages.success(request, f"Prerequisite “{found.title}” removed.")
    if found.term_id:
        return redirect("programs:term-detail", org=request.organization.slug, term=found.term_id)
    return redirect("programs:standing-prerequisites", org=request.organization.slug)
