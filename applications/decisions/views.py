"""Pages of the decisions area. Under /o/<org>/: an application's decision page (summary,
offer, history, accept/decline), a term's decisions (with the bulk decline), the programs'
decision texts, the organization's mentorships. Under /me/: the mentee's offers and
everyone's own mentorships. Thin shells over the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from applications.apply.selectors.visibility import decision_visible
from applications.decisions import selectors
from applications.decisions.forms import (
    BulkDeclineForm,
    ProgramDecisionTextsForm,
)
from applications.decisions.services.accept import (
    application_accept,
    application_decline,
    program_texts_update,
    term_decline_unshortlisted,
)
from applications.review.filters import ApplicantFilterSet
from applications.review.selectors import access as review_selectors
from applications.review.selectors import dashboard as review_selectors_dashboard
from applications.review.views.dashboard import applicants_page, row_urls
from core.forms import apply_errors
from programs.programs import selectors as program_selectors
from programs.terms import selectors as terms_selectors


def controls_context(request, application) -> dict:
    """What `templates/applications/decisions/_controls.html` needs, for any page that
    includes it (the decision page, a term's decisions, the reviewers' dashboard). The
    named permissions read the request's viewer context, so many rows cost no more
    queries than one."""
    user = request.user
    submitted = application.state == "submitted"
    return {
        "application": application,
        "organization": request.organization,
        "can_accept": submitted and user.has_perm("applications.accept_application", application),
        "can_decline": submitted and user.has_perm("applications.decline_application", application),
    }


def _back(request, application):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(
        "applications:decision", org=request.organization.slug, application=application.public_id
    )


def _decide(request, application, service, done: str):
    try:
        service(application=application, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error) or "You cannot decide on this applicant.")
    else:
        messages.success(request, done.format(name=application.applicant.name))
    if request.htmx:
        application.refresh_from_db()
        return render(
            request, "applications/decisions/_controls.html", controls_context(request, application)
        )
    return _back(request, application)


@organization_view("applications.view_decision")
def decision_page(request, application):
    application = selectors.decision_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    can_see_history = request.user.has_perm(
        "applications.view_application_history", request.organization
    )
    return render(
        request,
        "applications/decisions/decision.html",
        {
            **controls_context(request, application),
            "term": application.term,
            "offer": selectors.application_offer(application=application),
            "announced": decision_visible(application=application),
            "summary": selectors.term_decision_summary(term=application.term),
            "history": selectors.application_full_history(application=application)
            if can_see_history
            else None,
        },
    )


@organization_view("applications.accept_application")
@require_POST
def decision_accept(request, application):
    application = selectors.decision_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    return _decide(
        request,
        application,
        application_accept,
        "{name} is accepted. They see the offer when the cycle announces its results.",
    )


@organization_view("applications.decline_application")
@require_POST
def decision_decline(request, application):
    application = selectors.decision_application_get(
        user=request.user, organization=request.organization, public_id=application
    )
    return _decide(
        request,
        application,
        application_decline,
        "{name} is declined. They receive the program's feedback when the cycle announces "
        "its results.",
    )


DECISION_ROW_URLS = {
    "decision": "applications:decision",
    "accept": "applications:decision-accept",
    "decline": "applications:decision-decline",
}


@organization_view("applications.view_decision")
def term_decisions(request, term):
    """A term's applicants with their scores and the accept / decline buttons, filtered,
    sorted and paged like the reviewers' dashboard (same FilterSet, same keyset pages);
    the bulk decline counts every applicant not shortlisted, not only this page's."""
    context = review_selectors.review_term_get(
        user=request.user, organization=request.organization, pk=term
    )
    term = context.term
    if not request.user.has_perm("applications.view_decision", term):
        raise Http404("No such term.")
    present = review_selectors_dashboard.term_applicant_countries(term=term)
    filterset = ApplicantFilterSet(request.GET or None, context=context, countries_present=present)
    page = applicants_page(request, context, filterset, select_related=["offer"])
    row_urls(request.organization, page.object_list, DECISION_ROW_URLS)
    rows = [controls_context(request, application) for application in page.object_list]
    data = {
        "organization": request.organization,
        "term": term,
        "reviewer": context,
        "filterset": filterset,
        "page": page,
        "rows": rows,
        "summary": selectors.term_decision_summary(term=term),
        "can_bulk": request.user.has_perm("applications.bulk_decline", request.organization),
        "query": request.GET.urlencode(),
        "here": request.get_full_path(),
    }
    if request.htmx and request.htmx.target == "decision-list":
        return render(request, "applications/decisions/_term_list.html", data)
    data["filters"] = filterset.inputs()
    return render(request, "applications/decisions/term_decisions.html", data)


@organization_view("applications.bulk_decline")
def term_decline_unshortlisted_view(request, term):
    organization = request.organization
    term = terms_selectors.term_get(organization=organization, pk=term)
    count = selectors.term_unshortlisted(term=term).count()
    form = BulkDeclineForm(initial={"expected_count": count})
    if request.method == "POST":
        form = BulkDeclineForm(request.POST)
        if form.is_valid():
            try:
                result = term_decline_unshortlisted(
                    term=term, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                form = BulkDeclineForm(initial={"expected_count": count})
            else:
                skipped = (
                    f" {result['skipped']} skipped (changed meanwhile or you declared a conflict)."
                    if result["skipped"]
                    else ""
                )
                messages.success(
                    request,
                    f"Declined {result['declined']} applicant"
                    f"{'' if result['declined'] == 1 else 's'} not shortlisted.{skipped}",
                )
                return redirect("applications:term-decisions", org=organization.slug, term=term.pk)
    return render(
        request,
        "applications/decisions/bulk_decline.html",
        {"organization": organization, "term": term, "count": count, "form": form},
    )


@organization_view("applications.manage_decision_texts")
def decision_texts_page(request):
    """The programs whose decline feedback and agreement an admin may edit. (Who may
    decide is the organization's policy, /o/<org>/policy/.)"""
    organization = request.organization
    return render(
        request,
        "applications/decisions/texts.html",
        {
            "organization": organization,
            "programs": program_selectors.organization_programs(organization=organization),
        },
    )


@organization_view("applications.manage_decision_texts")
def program_decision_texts(request, program):
    organization = request.organization
    program = program_selectors.program_get(organization=organization, slug=program)
    texts = selectors.program_texts(program=program)
    form = ProgramDecisionTextsForm(
        initial={"decline_feedback": texts.decline_feedback, "agreement_text": texts.agreement_text}
    )
    if request.method == "POST":
        form = ProgramDecisionTextsForm(request.POST)
        if form.is_valid():
            try:
                program_texts_update(program=program, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Texts of {program.name} saved.")
                return redirect("applications:decision-texts", org=organization.slug)
    return render(
        request,
        "applications/decisions/program_texts.html",
        {"organization": organization, "program": program, "form": form},
    )
