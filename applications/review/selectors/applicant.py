from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from applications.apply.models import Application, PrerequisiteAnswer
from applications.review.models import ConflictOfInterest, Review, ReviewRevision
from applications.review.selectors.access import ReviewerContext, S, reviewer_has_conflict
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
    position: int
    total: int


def applicant_neighbours(*, application: Application, context: ReviewerContext) -> Neighbours:
    """The applicants before and after this one in the dashboard's default order (by
    submission, newest first, then by id), so a reviewer can go through them one by one.
    One query, read along the (term, submitted_at, id) index: the two neighbours, how many
    come before and how many there are (not the whole list, which a 50,000-applicant term
    would load into memory on every page view)."""
    term = context.term
    listed = (
        Application.objects.filter(organization=term.organization_id, term=term)
        .filter(submitted_at__isnull=False)
        .exclude(state=S.DRAFT)
        .order_by()
    )
    here_at, here = OuterRef("submitted_at"), OuterRef("pk")
    # The default order is -submitted_at, -id: "before" is later, or as late with a
    # greater id. (The redundant bound on submitted_at lets the index scan start there.)
    before = listed.filter(submitted_at__gte=here_at).filter(
        Q(submitted_at__gt=here_at) | Q(submitted_at=here_at, pk__gt=here)
    )
    after = listed.filter(submitted_at__lte=here_at).filter(
        Q(submitted_at__lt=here_at) | Q(submitted_at=here_at, pk__lt=here)
    )
    previous = before.order_by("submitted_at", "pk")[:1]
    following = after.order_by("-submitted_at", "-pk")[:1]

    def first(queryset, column):
        return Subquery(queryset.values(column))

    def counted(queryset):
        return Coalesce(
            Subquery(
                queryset.annotate(one=Value(1))
                .values("one")
                .annotate(n=Count("*"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    row = (
        listed.filter(pk=application.pk)
        .annotate(
            previous_id=first(previous, "public_id"),
            previous_name=first(previous, "applicant__display_name"),
            previous_email=first(previous, "applicant__email"),
            next_id=first(following, "public_id"),
            next_name=first(following, "applicant__display_name"),
            next_email=first(following, "applicant__email"),
            position=counted(before) + 1,
            total=counted(listed),
        )
        .values(
            "previous_id",
            "previous_name",
            "previous_email",
            "next_id",
            "next_name",
            "next_email",
            "position",
            "total",
        )
        .first()
    )
    if row is None:  # not listed (no longer submitted): no neighbours
        return Neighbours(previous=None, next=None, position=0, total=listed.count())

    def neighbour(prefix: str) -> Neighbour | None:
        public_id = row[f"{prefix}_id"]
        if public_id is None:
            return None
        name = row[f"{prefix}_name"] or row[f"{prefix}_email"].split("@")[0]  # as User.name
        return Neighbour(public_id=public_id, name=name)

    return Neighbours(
        previous=neighbour("previous"),
        next=neighbour("next"),
        position=row["position"],
        total=row["total"],
    )
