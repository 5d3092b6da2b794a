from django.db.models import QuerySet
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.tenancy import cross_tenant
from mentorship.assignments.models import Task
from mentorship.mentorships.models import Mentorship


def mentorship_tasks(*, mentorship: Mentorship) -> list[Task]:
    return list(Task.objects.filter(mentorship=mentorship).select_related("submission_file"))


def task_get(*, organization: Organization, mentorship: Mentorship, public_id) -> Task:
    task = (
        Task.objects.filter(organization=organization, mentorship=mentorship, public_id=public_id)
        .select_related("mentorship__mentee", "mentorship__term__program", "submission_file")
        .first()
    )
    if task is None:
        raise Http404("No such task.")
    return task


def organization_tasks(*, organization: Organization) -> QuerySet[Task]:
    return Task.objects.filter(organization=organization).select_related(
        "mentorship__mentee", "mentorship__term__program", "mentorship__organization"
    )


@cross_tenant
def mentee_task_get(*, user: User, public_id) -> Task:
    """One task of the person's own mentorships (as the mentee), else 404. Cross-tenant
    because the /me/ API names no organization; filtered by public id and the mentee."""
    task = (
        Task.objects.select_related(
            "mentorship__mentee", "mentorship__term__program", "mentorship__organization"
        )
        .filter(public_id=public_id, mentorship__mentee=user)
        .first()
    )
    if task is None:
        raise Http404("No such task.")
    return task


@cross_tenant
def mentee_tasks(*, user: User) -> list[Task]:
    """The person's tasks as a mentee, in every organization (filtered by the mentee)."""
    return list(
        Task.objects.select_related(
            "mentorship__mentee", "mentorship__term__program", "mentorship__organization"
        )
        .filter(mentorship__mentee=user)
        .order_by("due_at", "id")
    )
