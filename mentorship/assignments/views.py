from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view, owned_object
from core.forms import apply_errors
from core.uploads.services import file_response
from mentorship.assignments.forms import TaskForm, TaskReturnForm, TaskSubmitForm
from mentorship.assignments.selectors import task_get
from mentorship.assignments.services import (
    task_complete,
    task_create,
    task_return,
    task_start,
    task_submit,
)
from mentorship.mentorships import selectors as mentorships_selectors
from programs.terms.models import Term
from programs.terms.timeline import at_deadline_time


def _create(request, *, mentorship=None, term=None):
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        due_at = at_deadline_time(data.pop("due_date"))
        try:
            tasks = task_create(
                actor=request.user, mentorship=mentorship, term=term, due_at=due_at, **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Task assigned to {len(tasks)} mentee(s).")
            if mentorship is not None:
                return redirect(
                    "mentorship:org-mentorship",
                    org=request.organization.slug,
                    mentorship=mentorship.public_id,
                )
            return redirect(
                "mentorship:org-term-mentorships", org=request.organization.slug, term=term.pk
            )
    return render(
        request,
        "mentorship/task_new.html",
        {
            "organization": request.organization,
            "mentorship": mentorship,
            "term": term,
            "form": form,
        },
    )


@organization_view("mentorship.view_mentorships")
def task_new(request, mentorship):
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=request.organization, public_id=mentorship
    )
    if not request.user.has_perm("mentorship.manage_tasks", mentorship):
        raise PermissionDenied("Only a mentor or an admin assigns tasks.")
    return _create(request, mentorship=mentorship)


@organization_view("mentorship.view_mentorships")
def term_task_new(request, term):
    term = Term.objects.filter(organization=request.organization, pk=term).first()
    if term is None or not request.user.has_perm("programs.view_term", term):
        raise Http404("No such term.")
    if not request.user.has_perm("mentorship.manage_tasks", term):
        raise PermissionDenied("Only a mentor of the term or an admin assigns tasks.")
    return _create(request, term=term)


@organization_view("mentorship.view_mentorships")
def task_detail(request, mentorship, task):
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=request.organization, public_id=mentorship
    )
    task = task_get(organization=request.organization, mentorship=mentorship, public_id=task)
    can_manage = request.user.has_perm("mentorship.manage_tasks", task)
    form = TaskReturnForm()
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("Only a mentor or an admin completes or returns tasks.")
        if request.POST.get("action") == "complete":
            try:
                task_complete(task=task, actor=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "The task is completed.")
                return redirect(request.path)
        else:
            form = TaskReturnForm(request.POST)
            if form.is_valid():
                try:
                    task_return(task=task, actor=request.user, **form.cleaned_data)
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, "The task is sent back to In progress.")
                    return redirect(request.path)
    return render(
        request,
        "mentorship/task.html",
        {
            "organization": request.organization,
            "mentorship": mentorship,
            "task": task,
            "form": form,
            "can_manage": can_manage,
            "as_org": True,
        },
    )


@organization_view("mentorship.view_mentorships")
def task_file(request, mentorship, task):
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=request.organization, public_id=mentorship
    )
    task = task_get(organization=request.organization, mentorship=mentorship, public_id=task)
    if task.submission_file is None:
        raise Http404("No file.")
    return file_response(task.submission_file)


@login_required
def my_task(request, mentorship, task):
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        task = task_get(organization=found.organization, mentorship=found, public_id=task)
        is_mentee = found.mentee_id == request.user.pk
        form = TaskSubmitForm()
        if request.method == "POST":
            if not is_mentee:
                raise PermissionDenied("Only the mentee moves their task.")
            if request.POST.get("action") == "start":
                try:
                    task_start(task=task, actor=request.user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(request, "The task is in progress.")
                    return redirect(request.path)
            else:
                form = TaskSubmitForm(request.POST, request.FILES)
                if form.is_valid():
                    try:
                        task_submit(
                            task=task,
                            actor=request.user,
                            link=form.cleaned_data["link"],
                            text=form.cleaned_data["text"],
                            upload=form.cleaned_data["file"],
                        )
                    except ValidationError as error:
                        apply_errors(form, error)
                    else:
                        messages.success(request, "The task is submitted; your mentors are told.")
                        return redirect(request.path)
        return render(
            request,
            "mentorship/task.html",
            {
                "mentorship": found,
                "task": task,
                "form": form,
                "is_mentee": is_mentee,
                "as_org": False,
            },
        )


@login_required
def my_task_file(request, mentorship, task):
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        task = task_get(organization=found.organization, mentorship=found, public_id=task)
        if task.submission_file is None:
            raise Http404("No file.")
        return file_response(task.submission_file)
