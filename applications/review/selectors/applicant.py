from dataclasses import dataclass

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
)
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.review.models import ConflictOfInterest, Review, ReviewRevision
from applications.review.selectors.access import ReviewerContext, reviewer_has_conflict
from programs.prerequisites.models import Prerequisite

# --- the applicant page -------------------------------------------------------------------


@dataclass
class AnswerRow:
    prerequisite: Prerequisite
    answer: PrerequisiteAnswer | None

    @property
    def done(self) -> bool:
        return self.answer is not None and self.answer.completed_at is not None


def application_answers(*, application: Application) -> list[AnswerRow]:
    """Every prerequisite of the application's term (own and standing) with its answer."""
    answers = {
        a.prerequisite_id: a
        for a in PrerequisiteAnswer.objects.filter(application=application).select_related("file")
    }
    prerequisites = Prerequisite.objects.filter(organization_id=application.organization_id).filter(
        Q(term=application.term_id) | Q(term__isnull=True)
    )
    rows = [AnswerRow(prerequisite=p, answer=answers.pop(p.pk, None)) for p in prerequisites]
    # Answers to prerequisites removed since still show.
    if answers:
        extra = Prerequisite.objects.filter(pk__in=list(answers))
        rows += [AnswerRow(prerequisite=p, answer=answers[p.pk]) for p in extra]
    return rows


def application_answer_get(*, application: Application, pk) -> PrerequisiteAnswer:
    answer = (
        PrerequisiteAnswer.objects.filter(application=application, pk=pk, file__isnull=False)
        .select_related("file")
        .first()
    )
    if answer is None:
        raise Http404("No such file.")
    return answer


def application_reviews(*, application: Application, context: ReviewerContext) -> list[Review]:
    """The reviews of the application the viewer may see, each with `visible_notes` set
    (the notes, or "" when private to someone else) and, for their author and admins,
    `earlier` (the revisions). A reviewer with a conflict sees none."""
    if reviewer_has_conflict(context.user, application):
        return []
    reviews = list(
        Review.objects.filter(application=application)
        .select_related("reviewer")
        .prefetch_related(
            Prefetch("revisions", queryset=ReviewRevision.objects.order_by("-revision"))
        )
    )
    for review in reviews:
        mine = review.reviewer_id == context.user.pk
        review.is_mine = mine
        review.visible_notes = review.notes if (mine or context.can_read_all_notes) else ""
        review.earlier = (
            list(review.revisions.all()) if (mine or context.can_read_all_notes) else []
        )
    return reviews


def my_review(*, application: Application, user: User) -> Review | None:
    return Review.objects.filter(application=application, reviewer=user).first()


def application_conflicts(*, application: Application) -> QuerySet[ConflictOfInterest]:
    return ConflictOfInterest.objects.filter(application=application).select_related("reviewer")


def organization_conflicts(*, organization: Organization) -> QuerySet[ConflictOfInterest]:
    """Every recusal of the organization, newest first (admins)."""
    return (
        ConflictOfInterest.objects.filter(organization=organization)
        .select_related("reviewer", "application__applicant", "application__term__program")
        .select_related("application__term__cycle")
    )


@dataclass
class Neighbour:
    public_id: object
    name: str


@dataclass
class Neighbours:
    previous: Neighbour | None
    next: Neighbour | None
    position: int
    total: int


def applicant_neighbours(*, application: Application, context: ReviewerContext) -> Neighbours:
    """The applicants before and after this one in the dashboard's default order (by
    submission), so a reviewer can go through them one by one. One query."""
    from applications.review.selectors.dashboard import term_applicants

    rows = list(
        term_applicants(context=context).values_list(
            "pk", "public_id", "applicant__display_name", "applicant__email"
        )
    )
    ids = [row[0] for row in rows]
    if application.pk not in ids:
        return Neighbours(previous=None, next=None, position=0, total=len(ids))
    index = ids.index(application.pk)

    def neighbour(i: int) -> Neighbour | None:
        if not 0 <= i < len(rows):
            return None
        _pk, public_id, display_name, email = rows[i]
        return Neighbour(public_id=public_id, name=display_name or email.split("@")[0])

    return Neighbours(
        previous=neighbour(index - 1), next=neighbour(index + 1), position=index + 1, total=len(ids)
    )
