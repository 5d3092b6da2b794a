"""Reads of the reviewers' dashboard, shared by pages, the API and the decisions area.

Who sees what:
- a term's applicants are seen by the organization's admins and coordinators and by the
  term's own mentors; anyone else (a mentor of another term) gets the same 404 as for a
  missing term;
- scores and review counts of an applicant are hidden from a reviewer who declared a
  conflict with them, and so is every review;
- private notes are read by their author and by the organization's admins.

The dashboard is one query for the page whatever the number of applicants: averages,
counts, "reviewed by me" and the applicant's other active applications are correlated
subqueries, pagination happens in SQL, and sorting uses a whitelist (SORTS)."""

import json
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django_scopes import scopes_disabled

from accounts.models import Organization, Role, User
from accounts.selectors import user_roles
from applications.models import (
    ACTIVE_STATES,
    Application,
    ApplicationState,
    ConflictOfInterest,
    PrerequisiteAnswer,
    Review,
    ReviewRevision,
    SelectionSettings,
)
from programs.models import Prerequisite, Term, TermMentor

S = ApplicationState
ORGANIZATION_REVIEWERS = (Role.ADMIN, Role.COORDINATOR)
# States of applications that still count for reviewing progress.
PROGRESS_STATES = (S.SUBMITTED, S.ACCEPTED, S.DECLINED)
# Reviews are written while the application waits for a decision.
REVIEWABLE_STATES = (S.SUBMITTED,)

# The dashboard's sortable columns: query-string key → expression. Nothing else is ever
# passed to order_by.
SORTS = {
    "name": "applicant__display_name",
    "country": "applicant__mentee_profile__country",
    "prerequisites": "prerequisites_done",
    "submitted": "submitted_at",
    "score": "average_score",
    "reviews": "review_count",
    "reviewed": "reviewed_by_me",
    "shortlisted": "shortlisted",
    "other": "other_active_applications",
    "state": "state",
}
DEFAULT_SORT = "-submitted"


def sort_choices() -> list[tuple[str, str]]:
    labels = {
        "name": "name",
        "country": "country",
        "prerequisites": "prerequisites done",
        "submitted": "submitted",
        "score": "average score",
        "reviews": "number of reviews",
        "reviewed": "reviewed by me",
        "shortlisted": "shortlist",
        "other": "other applications",
        "state": "state",
    }
    choices = []
    for key, label in labels.items():
        choices += [(key, f"{label}, ascending"), (f"-{key}", f"{label}, descending")]
    return choices


@dataclass
class ApplicantFilters:
    state: str = ""
    shortlisted: bool | None = None
    complete: bool | None = None
    skill: str = ""
    country: str = ""
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    unreviewed: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_cleaned(cls, data: dict) -> "ApplicantFilters":
        """From a form's or serializer's cleaned data (missing or invalid fields: unset)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known = {k: v for k, v in known.items() if v not in (None, "")}
        filters = cls(**known)
        if filters.sort.lstrip("-") not in SORTS:
            filters.sort = DEFAULT_SORT
        return filters


@dataclass
class ReviewerContext:
    """What the viewer may do in one term, computed with the term in one query."""

    user: User
    term: Term
    role: str
    is_term_mentor: bool
    mentors_may_shortlist: bool
    required_prerequisites: int = 0

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def may_shortlist(self) -> bool:
        return self.role in ORGANIZATION_REVIEWERS or (
            self.is_term_mentor and self.mentors_may_shortlist
        )

    @property
    def sees_all_notes(self) -> bool:
        return self.is_admin


# --- helpers ------------------------------------------------------------------------------


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """The number of rows of a correlated queryset, 0 when none."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def is_term_mentor(*, user: User, term: Term) -> bool:
    cached = getattr(term, "_review_mentor_of", None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    with scopes_disabled():
        found = TermMentor.objects.filter(term_id=term.pk, user=user).exists()
    term._review_mentor_of = (user.pk, found)
    return found


def selection_settings_of(*, organization: Organization) -> SelectionSettings:
    """The organization's selection settings (defaults when never saved)."""
    cached = getattr(organization, "_selection_settings", None)
    if cached is None:
        with scopes_disabled():
            cached = SelectionSettings.objects.filter(organization=organization).first()
        cached = cached or SelectionSettings(organization=organization)
        organization._selection_settings = cached
    return cached


def _required_prerequisites(term_ref) -> Coalesce:
    """The number of prerequisites of a term: its own and the organization's standing ones."""
    return _count(
        Prerequisite.objects.with_scopes_disabled()
        .filter(organization=OuterRef(f"{term_ref}organization"))
        .filter(Q(term=OuterRef(f"{term_ref}pk")) | Q(term__isnull=True))
        .annotate(one=Value(1)),
        "one",
    )


def _context_annotations(user: User, term_ref: str = "") -> dict:
    settings = SelectionSettings.objects.with_scopes_disabled().filter(
        organization=OuterRef(f"{term_ref}organization")
    )
    return {
        "viewer_is_mentor": Exists(
            TermMentor.objects.with_scopes_disabled().filter(
                term=OuterRef(f"{term_ref}pk"), user=user
            )
        ),
        "viewer_mentors_may_shortlist": Coalesce(
            Subquery(settings.values("mentors_may_shortlist")[:1]),
            Value(False),
            output_field=BooleanField(),
        ),
        "viewer_required_prerequisites": _required_prerequisites(term_ref),
    }


def _context_for(user: User, term: Term, annotated) -> ReviewerContext | None:
    role = user_roles(user).get(term.organization_id)
    is_mentor = bool(annotated.viewer_is_mentor)
    term._review_mentor_of = (user.pk, is_mentor)
    if role not in ORGANIZATION_REVIEWERS and not (role == Role.MENTOR and is_mentor):
        return None
    return ReviewerContext(
        user=user,
        term=term,
        role=role,
        is_term_mentor=is_mentor,
        mentors_may_shortlist=bool(annotated.viewer_mentors_may_shortlist),
        required_prerequisites=annotated.viewer_required_prerequisites,
    )


def review_term_get(*, user: User, organization: Organization, pk) -> ReviewerContext:
    """The term to review with what the viewer may do there; 404 for a term of another
    organization or one the viewer may not review (a mentor of another term)."""
    term = (
        Term.objects.filter(organization=organization, pk=pk)
        .select_related("program", "cycle", "organization")
        .annotate(**_context_annotations(user))
        .first()
    )
    context = term and _context_for(user, term, term)
    if context is None:
        raise Http404("No such term.")
    return context


def review_application_get(
    *, user: User, organization: Organization, public_id
) -> tuple[Application, ReviewerContext]:
    """A submitted application the viewer may review, with the viewer's context in its
    term; 404 otherwise. One query."""
    application = (
        Application.objects.filter(organization=organization, public_id=public_id)
        .exclude(state=S.DRAFT)
        .filter(submitted_at__isnull=False)
        .select_related(
            "term__program",
            "term__organization",
            "term__cycle",
            "cycle",
            "applicant__mentee_profile__resume",
        )
        .annotate(
            **_context_annotations(user, "term__"),
            viewer_conflicted=Exists(
                ConflictOfInterest.objects.filter(application=OuterRef("pk"), reviewer=user)
            ),
        )
        .first()
    )
    context = application and _context_for(user, application.term, application)
    if context is None:
        raise Http404("No such application.")
    application._conflict_viewer = user.pk
    application.organization = organization  # the same row: spares a query
    return application, context


def reviewer_has_conflict(user: User, application: Application) -> bool:
    """Whether `user` declared a conflict of interest with `application` (PRODUCT.md rule
    6): such a reviewer may not see its reviews, review it or decide on it."""
    if getattr(application, "_conflict_viewer", None) == user.pk:
        return bool(application.viewer_conflicted)
    with scopes_disabled():
        return ConflictOfInterest.objects.filter(
            application_id=application.pk, reviewer=user
        ).exists()


def reviewable_applications_of(*, user: User, applicant_id: int) -> QuerySet[Application]:
    """CROSS-TENANT (call inside scopes_disabled): the submitted applications of one person
    that `user` may review (admin or coordinator of the organization, or mentor of the
    term) and has no conflict with. Used for resume access only."""
    roles = user_roles(user)
    organization_wide = [org for org, role in roles.items() if role in ORGANIZATION_REVIEWERS]
    mentored = TermMentor.objects.filter(user=user).values("term_id")
    return (
        Application.objects.filter(applicant_id=applicant_id, submitted_at__isnull=False)
        .exclude(state=S.DRAFT)
        .filter(
            Q(organization_id__in=organization_wide)
            | Q(term_id__in=mentored, organization_id__in=list(roles))
        )
        .exclude(conflicts__reviewer=user)
    )


# --- the dashboard ------------------------------------------------------------------------


def other_active_applications_count() -> Coalesce:
    """CROSS-TENANT: for each row of an Application queryset, how many OTHER active
    applications (submitted or accepted) its applicant has in the same cycle, in any
    organization. Only this number ever leaves the query: never which terms or which
    organizations, so a reviewer learns how contested an applicant is and nothing else."""
    with scopes_disabled():
        others = Application.objects.filter(
            cycle=OuterRef("cycle"),
            applicant=OuterRef("applicant"),
            state__in=ACTIVE_STATES,
        ).exclude(pk=OuterRef("pk"))
    return _count(others, "applicant")


def term_applicants(*, context: ReviewerContext, filters: ApplicantFilters) -> QuerySet:
    """The term's applicants (every application that was submitted) with the dashboard's
    columns, filtered and sorted as asked. Paginate it; it is one query per page."""
    user = context.user
    reviews = Review.objects.filter(application=OuterRef("pk"))
    counted = reviews.filter(recused=False)
    conflicted = Exists(
        ConflictOfInterest.objects.filter(application=OuterRef("pk"), reviewer=user)
    )
    average = Subquery(
        counted.filter(not_acceptable=False)
        .order_by()
        .values("application")
        .annotate(a=Avg("score"))
        .values("a")[:1],
        output_field=DecimalField(max_digits=3, decimal_places=2),
    )
    queryset = (
        Application.objects.filter(organization=context.term.organization_id, term=context.term)
        .filter(submitted_at__isnull=False)
        .exclude(state=S.DRAFT)
        .select_related("applicant__mentee_profile")
        .annotate(
            viewer_conflicted=conflicted,
            # A reviewer with a conflict sees neither the score nor the reviews.
            average_score=Case(When(viewer_conflicted=True, then=Value(None)), default=average),
            review_count=Case(
                When(viewer_conflicted=True, then=Value(None)),
                default=_count(counted, "application"),
                output_field=IntegerField(),
            ),
            not_acceptable_count=Case(
                When(viewer_conflicted=True, then=Value(None)),
                default=_count(counted.filter(not_acceptable=True), "application"),
                output_field=IntegerField(),
            ),
            reviewed_by_me=Exists(reviews.filter(reviewer=user)),
            prerequisites_done=_count(
                PrerequisiteAnswer.objects.filter(
                    application=OuterRef("pk"), completed_at__isnull=False
                ),
                "application",
            ),
            other_active_applications=other_active_applications_count(),
        )
    )
    return _filtered(queryset, context, filters)


def _skill_needle(skill: str) -> str:
    # Skills are stored as [{"name": "Python", "level": "advanced"}]; match a whole name.
    return f'"name": {json.dumps(skill.strip(), ensure_ascii=False)}'


def _filtered(queryset: QuerySet, context: ReviewerContext, f: ApplicantFilters) -> QuerySet:
    if f.state:
        queryset = queryset.filter(state=f.state)
    if f.shortlisted is not None:
        queryset = queryset.filter(shortlisted=f.shortlisted)
    if f.complete is True:
        queryset = queryset.filter(prerequisites_done__gte=context.required_prerequisites)
    elif f.complete is False:
        queryset = queryset.filter(prerequisites_done__lt=context.required_prerequisites)
    if f.skill.strip():
        queryset = queryset.filter(
            applicant__mentee_profile__skills__icontains=_skill_needle(f.skill)
        )
    if f.country:
        queryset = queryset.filter(applicant__mentee_profile__country=f.country.upper())
    if f.score_min is not None:
        queryset = queryset.filter(average_score__gte=f.score_min)
    if f.score_max is not None:
        queryset = queryset.filter(average_score__lte=f.score_max)
    if f.unreviewed:
        queryset = queryset.filter(reviewed_by_me=False, viewer_conflicted=False)
    if f.q.strip():
        q = f.q.strip()
        answers = PrerequisiteAnswer.objects.filter(application=OuterRef("pk"), text__icontains=q)
        queryset = queryset.filter(
            Q(applicant__display_name__icontains=q)
            | Q(applicant__mentee_profile__legal_name__icontains=q)
            | Q(cover_letter__icontains=q)
            | Exists(answers)
        )
    key = f.sort.lstrip("-")
    expression = F(SORTS.get(key, "submitted_at"))
    ordering = (
        expression.desc(nulls_last=True)
        if f.sort.startswith("-")
        else expression.asc(nulls_last=True)
    )
    return queryset.order_by(ordering, "-pk" if f.sort.startswith("-") else "pk")


def term_applicant_countries(*, term: Term) -> list[str]:
    """The countries of residence of the term's applicants (for the country filter)."""
    return list(
        Application.objects.filter(organization=term.organization_id, term=term)
        .filter(submitted_at__isnull=False)
        .exclude(state=S.DRAFT)
        .order_by()
        .values_list("applicant__mentee_profile__country", flat=True)
        .distinct()
    )


def term_applicant_row(*, context: ReviewerContext, application: Application) -> Application:
    """One dashboard row, e.g. to redraw it after an inline review."""
    return term_applicants(context=context, filters=ApplicantFilters()).get(pk=application.pk)


def visible_notes(
    *, context: ReviewerContext, application_ids: list[int]
) -> dict[int, list[tuple[str, str]]]:
    """{application id: [(reviewer name, notes)]} of the notes the viewer may read: all of
    them for admins, their own for everyone else; none for applicants they are in conflict
    with. One query."""
    reviews = Review.objects.filter(application_id__in=application_ids).exclude(notes="")
    if not context.sees_all_notes:
        reviews = reviews.filter(reviewer=context.user)
    reviews = reviews.exclude(application__conflicts__reviewer=context.user)
    found: dict[int, list[tuple[str, str]]] = {}
    rows = reviews.order_by("application_id", "created_at", "pk").values_list(
        "application_id", "reviewer__display_name", "reviewer__email", "notes"
    )
    for application_id, display_name, email, notes in rows:
        name = display_name or email.split("@")[0]  # as User.name
        found.setdefault(application_id, []).append((name, notes))
    return found


CSV_FIELDS = (
    "pk",
    "public_id",
    "applicant__display_name",
    "applicant__email",
    "applicant__mentee_profile__country",
    "applicant__mentee_profile__skills",
    "prerequisites_done",
    "submitted_at",
    "average_score",
    "review_count",
    "not_acceptable_count",
    "reviewed_by_me",
    "viewer_conflicted",
    "shortlisted",
    "other_active_applications",
    "state",
)


def term_applicants_for_export(*, context: ReviewerContext, filters: ApplicantFilters):
    """The filtered applicants as plain rows (dicts of CSV_FIELDS): a thousand rows
    without building a thousand model objects."""
    return term_applicants(context=context, filters=filters).values(*CSV_FIELDS)


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
        review.visible_notes = review.notes if (mine or context.sees_all_notes) else ""
        review.earlier = list(review.revisions.all()) if (mine or context.is_admin) else []
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


# --- progress -----------------------------------------------------------------------------


@dataclass
class ProgressRow:
    reviewer: User
    is_primary: bool
    reviewed: int
    conflicts: int
    applicants: int

    @property
    def to_review(self) -> int:
        return max(self.applicants - self.conflicts, 0)

    @property
    def percent(self) -> int:
        return round(100 * self.reviewed / self.to_review) if self.to_review else 100


def review_progress(*, term: Term) -> list[ProgressRow]:
    """How many of the term's applicants each of its mentors has reviewed (conflicts
    excluded), so admins see who is behind before the selection deadline. One query."""
    applications = Application.objects.filter(term=term, state__in=PROGRESS_STATES)
    applicants = _count(applications.annotate(one=Value(1)), "one")
    reviewed = _count(
        Review.objects.filter(
            reviewer=OuterRef("user"),
            application__term=term,
            application__state__in=PROGRESS_STATES,
            recused=False,
        ).annotate(one=Value(1)),
        "one",
    )
    conflicts = _count(
        ConflictOfInterest.objects.filter(
            reviewer=OuterRef("user"),
            application__term=term,
            application__state__in=PROGRESS_STATES,
        ).annotate(one=Value(1)),
        "one",
    )
    mentors = (
        TermMentor.objects.filter(term=term)
        .select_related("user")
        .annotate(reviewed=reviewed, conflicts=conflicts, applicants=applicants)
    )
    return [
        ProgressRow(
            reviewer=m.user,
            is_primary=m.is_primary,
            reviewed=m.reviewed,
            conflicts=m.conflicts,
            applicants=m.applicants,
        )
        for m in mentors
    ]
