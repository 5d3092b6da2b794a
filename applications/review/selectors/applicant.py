from dataclasses import dataclass

from django.db.models import (
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.review.models import ConflictOfInterest, Review, ReviewRevision
from applications.review.selectors.access import ReviewerContext, S, reviewer_has_conflict
from applications.review.selectors.dashboard import listed_applications, term_applicant_total
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
    reviews = list(Review.objects.filter(application=application).select_related("reviewer"))
    for review in reviews:
        review.is_mine = review.reviewer_id == context.user.pk
        review.sees_all = review.is_mine or context.can_read_all_notes
        review.visible_notes = review.notes if review.sees_all else ""
    # Earlier versions exist only for reviews edited since (revision > 1; the service keeps
    # one row per replaced version): read them only then, for the reviews the viewer may
    # see in full (a query fewer on the usual page, whose reviews were written once).
    edited = [r for r in reviews if r.sees_all and r.revision > 1]
    if edited:
        prefetch_related_objects(
            edited, Prefetch("revisions", queryset=ReviewRevision.objects.order_by("-revision"))
        )
    for review in reviews:
        review.earlier = list(review.revisions.all()) if review in edited else []
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
    total: int


def applicant_neighbours(*, application: Application, context: ReviewerContext) -> Neighbours:
    """The applicants before and after this one in the dashboard's default order (by
    submission, newest first, then by id), so a reviewer can go through them one by one.
    Two small queries, each one step along the (term, submitted_at, id) index: not the
    whole list, which a 50,000-applicant term would load into memory on every page view.
    With the term's kept number of applicants; not this one's position in the list:
    counting the applicants before it read half of a large term on each view. (Not one
    UNION of the two: SQLite, the embedded default, refuses a LIMIT inside one.)"""
    total = term_applicant_total(term=context.term)
    at, pk = application.submitted_at, application.pk
    if at is None or application.state == S.DRAFT:  # not listed: no neighbours
        return Neighbours(previous=None, next=None, total=total)
    listed = listed_applications(term=context.term)
    columns = ("public_id", "applicant__display_name", "applicant__email")
    # The default order is -submitted_at, -id: "previous" is later, or as late with a
    # greater id. (The redundant bound on submitted_at lets the index scan start there.)
    previous = (
        listed.filter(submitted_at__gte=at)
        .filter(Q(submitted_at__gt=at) | Q(submitted_at=at, pk__gt=pk))
        .order_by("submitted_at", "pk")
        .values_list(*columns)
        .first()
    )
    following = (
        listed.filter(submitted_at__lte=at)
        .filter(Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=pk))
        .order_by("-submitted_at", "-pk")
        .values_list(*columns)
        .first()
    )

    def neighbour(row) -> Neighbour | None:
        if row is None:
            return None
        public_id, name, email = row
        return Neighbour(public_id=public_id, name=name or email.split("@")[0])  # as User.name

    return Neighbours(previous=neighbour(previous), next=neighbour(following), total=total)
