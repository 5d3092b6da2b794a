"""The mentee's pages under /me/applications/: apply to a term, edit a draft as you go
(HTMX saves each answer on its own; every form also works as a plain post without
JavaScript), submit, withdraw with confirmation, rank. Personal pages: login required, not
tenant-scoped; each application is looked up by public id AND applicant (anyone else's is a
404) and acted on inside its organization's scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scope

from accounts.people.selectors import mentee_profile_of
from accounts.tenancy import owned_object
from applications.apply.forms import (
    CoverLetterForm,
    PrerequisiteAnswerForm,
    RankMoveForm,
    WithdrawForm,
)
from applications.apply.models import ApplicationState
from applications.apply.selectors import eligibility as selectors_eligibility
from applications.apply.selectors import mine as selectors
from applications.apply.selectors import prerequisites as selectors_prerequisites
from applications.apply.services import answers as services_answers
from applications.apply.services import common as services_common
from applications.apply.services import ranking as services_ranking
from applications.apply.services import submit as services
from applications.ranking import selectors as ranking_selectors
from core.forms import apply_errors
from core.uploads import services as uploads

S = ApplicationState


def _page_url(application) -> str:
    return reverse("applications:my-application", kwargs={"application": application.public_id})


@login_required
def my_applications(request):
    groups = selectors.my_applications_by_cycle(user=request.user)
    return render(request, "applications/mentee/my_applications.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, term):
    term = selectors_eligibility.term_for_applying(term_id=term)
    with scope(organization=term.organization):
        if request.method == "POST":
            try:
                application = services_common.application_start(user=request.user, term=term)
            except services_common.ApplyRefused as refused:
                refusals = refused.refusals
            except ValidationError as error:
                refusals = [selectors_eligibility.Refusal("refused", m) for m in error.messages]
            else:
                messages.success(
                    request,
                    "Your draft application is started and saved as you go. Come back to it "
                    "any time from My applications.",
                )
                return redirect(_page_url(application))
        else:
            refusals = selectors_eligibility.apply_refusals(user=request.user, term=term)
        prerequisites = [
            (p, p.due_for(term)) for p in selectors_prerequisites.term_prerequisites(term=term)
        ]
    return render(
        request,
        "applications/mentee/apply.html",
        {"term": term, "refusals": refusals, "prerequisites": prerequisites},
        status=200,
    )


def _answer_forms(rows, bound=None):
    forms = []
    for row in rows:
        if bound is not None and bound.prerequisite.pk == row.prerequisite.pk:
            form = bound
        else:
            form = PrerequisiteAnswerForm(prerequisite=row.prerequisite, answer=row.answer)
        forms.append((row, form))
    return forms


def _render_page(request, application, *, cover_form=None, answer_form=None, status=200):
    item = selectors.my_application_item(application=application)
    context = {
        "application": application,
        "item": item,
        "term": application.term,
        "cover_form": cover_form
        or CoverLetterForm(initial={"cover_letter": application.cover_letter}),
        "answer_forms": _answer_forms(item.prerequisites, answer_form),
        "placement_explanation": ranking_selectors.mentee_placement_explanation(
            application=application
        ),
        # A file prerequisite can take the resume already on the profile.
        "profile_resume": mentee_profile_of(request.user).resume,
    }
    return render(request, "applications/mentee/application.html", context, status=status)


@login_required
def my_application(request, application):
    with owned_object(request, selectors.my_application_get, application) as application:
        return _render_page(request, application)


@login_required
@require_POST
def cover_letter_save(request, application):
    with owned_object(request, selectors.my_application_get, application) as application:
        form = CoverLetterForm(request.POST)
        saved = False
        if form.is_valid():
            try:
                application = services_answers.application_draft_update(
                    application=application,
                    actor=request.user,
                    cover_letter=form.cleaned_data["cover_letter"],
                )
                saved = True
            except ValidationError as error:
                apply_errors(form, error)
        if request.htmx:
            return render(
                request,
                "applications/mentee/_save_status.html",
                {"errors": _errors(form), "saved": saved, "now": timezone.now()},
            )
        if saved:
            messages.success(request, "Cover letter saved.")
            return redirect(_page_url(application) + "#cover-letter")
        return _render_page(request, application, cover_form=form)


def _errors(form) -> list[str]:
    return [message for messages_ in form.errors.values() for message in messages_]


@login_required
@require_POST
def answer_save(request, application, prerequisite):
    with owned_object(request, selectors.my_application_get, application) as application:
        found = next(
            (
                p
                for p in selectors_prerequisites.term_prerequisites(term=application.term)
                if p.pk == prerequisite
            ),
            None,
        )
        if found is None:
            raise Http404("No such prerequisite.")
        form = PrerequisiteAnswerForm(request.POST, request.FILES, prerequisite=found)
        answer = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                answer = services_answers.prerequisite_answer_save(
                    application=application,
                    actor=request.user,
                    prerequisite_id=found.pk,
                    text=data.get("text"),
                    url=data.get("url"),
                    upload=data.get("file"),
                    use_profile_resume=request.POST.get("use_profile_resume") == "1",
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    # Field errors of the service name the kind of answer; show them on the
                    # one field this form has.
                    field = next(iter(form.fields))
                    for messages_ in error.message_dict.values():
                        form.add_error(field, messages_)
                else:
                    apply_errors(form, error)
        if request.htmx:
            return render(
                request,
                "applications/mentee/_save_status.html",
                {
                    "errors": _errors(form),
                    "saved": answer is not None,
                    "answer": answer,
                    "application": application,
                    "prerequisite": found,
                    "now": timezone.now(),
                    # The page's counts and this prerequisite's state, swapped out of band
                    # so they never stay stale after a save.
                    "item": selectors.my_application_item(application=application)
                    if answer is not None
                    else None,
                },
            )
        if answer is not None:
            messages.success(request, f"“{found.title}” saved.")
            return redirect(_page_url(application) + f"#prerequisite-{found.pk}")
        return _render_page(request, application, answer_form=form)


@login_required
def answer_file(request, application, prerequisite):
    with owned_object(request, selectors.my_application_get, application) as application:
        if not request.user.has_perm("applications.view_prerequisite_file", application):
            raise Http404("No such file.")
        answer = (
            application.answers.filter(prerequisite_id=prerequisite, file__isnull=False)
            .select_related("file")
            .first()
        )
        if answer is None:
            raise Http404("No such file.")
        return uploads.file_response(answer.file)


@login_required
@require_POST
def submit(request, application):
    with owned_object(request, selectors.my_application_get, application) as application:
        try:
            application = services.application_submit(application=application, actor=request.user)
        except ValidationError as error:
            application.refresh_from_db()
            if application.state == S.SUBMITTED:  # a double click: the first one submitted it
                messages.success(request, "Your application is submitted.")
                return redirect(_page_url(application))
            for message in error.messages:
                messages.error(request, message)
            return redirect(_page_url(application))
        messages.success(
            request,
            "Your application is submitted. We emailed you a confirmation with what you sent.",
        )
        return redirect(_page_url(application))


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, application):
    with owned_object(request, selectors.my_application_get, application) as application:
        form = WithdrawForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services_ranking.application_withdraw(
                    application=application,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    "Your application is withdrawn and no longer counts towards the cycle's limit. "
                    "You can apply to this term again while it accepts applications.",
                )
                return redirect("applications:my-applications")
        return render(
            request,
            "applications/mentee/withdraw.html",
            {"application": application, "form": form},
        )


@login_required
@require_POST
def rank_move(request, application):
    with owned_object(request, selectors.my_application_get, application) as application:
        if not request.user.has_perm("applications.change_own_application", application):
            raise PermissionDenied
        form = RankMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose up or down.")
        else:
            try:
                services_ranking.application_rank_move(
                    application=application,
                    actor=request.user,
                    direction=form.cleaned_data["direction"],
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, "Ranking saved.")
        return redirect(reverse("applications:my-applications") + f"#cycle-{application.cycle_id}")
