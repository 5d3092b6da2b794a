import json

from django.db.models import (
    Avg,
    Case,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django_scopes import scopes_disabled

from applications.apply.models import ACTIVE_STATES, Application, PrerequisiteAnswer
from applications.review.models import ConflictOfInterest, Review
from applications.review.selectors.access import SORTS, ApplicantFilters, ReviewerContext, S, _count
from programs.terms.models import Term

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
    if not context.can_read_all_notes:
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
