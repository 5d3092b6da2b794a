import json

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accounts.people.models import MenteeProfile
from applications.apply.models import ACTIVE_STATES, Application, PrerequisiteAnswer
from applications.review.models import ConflictOfInterest, Review
from applications.review.selectors.access import (
    DEFAULT_SORT,
    SORTS,
    ReviewerContext,
    S,
    count_of,
)
from applications.review.selectors.kept import term_figure
from core.pagination import SortKey, keyset_order
from core.tenancy import cross_tenant
from programs.terms.models import Term

# --- the dashboard ------------------------------------------------------------------------


@cross_tenant
def other_active_applications_count() -> Coalesce:
    """Cross-tenant: for each row of an Application queryset, how many OTHER active
    applications (submitted or accepted) its applicant has in the same cycle, in any
    organization. Only this number ever leaves the query: never which terms or which
    organizations, so a reviewer learns how contested an applicant is and nothing else."""
    # The subquery is built here, outside the scope, so it keeps no organization filter.
    others = Application.objects.filter(
        cycle=OuterRef("cycle"),
        applicant=OuterRef("applicant"),
        state__in=ACTIVE_STATES,
    ).exclude(pk=OuterRef("pk"))
    return count_of(others, "applicant")


def term_applicants(*, context: ReviewerContext) -> QuerySet:
    """The term's applicants (every application that was submitted) with the dashboard's
    columns, in the default order. Narrow and sort it with the functions below (the
    dashboard's FilterSet does); paginate it: it is one query per page.

    It costs the same at any size of the term: the review figures are columns of the
    application (kept by the review service), and the viewer's conflicts and reviews are
    looked up for a page's rows only (pages read their ids first: core.pagination); filters
    and sorts over the whole term read them as one set (`pk IN (...)`, hashed once)."""
    user = context.user
    if context.has_conflicts:
        conflicted = ExpressionWrapper(
            Q(pk__in=ConflictOfInterest.objects.filter(reviewer=user).values("application_id")),
            output_field=BooleanField(),
        )
    else:
        # No conflict in the term (ReviewerContext.has_conflicts, read with the term): the
        # columns as they are, so a sort by score reads the index (application_term_best)
        # instead of computing and sorting a hidden-or-not score for every applicant.
        conflicted = Value(False, output_field=BooleanField())

    def hidden_if_conflicted(column: str, output_field):
        # A reviewer with a conflict sees neither the score nor the reviews.
        if not context.has_conflicts:
            return ExpressionWrapper(F(column), output_field=output_field)
        return Case(
            When(viewer_conflicted=True, then=Value(None)),
            default=F(column),
            output_field=output_field,
        )

    queryset = (
        listed_applications(term=context.term)
        .select_related("applicant__mentee_profile")
        .annotate(
            viewer_conflicted=conflicted,
            average_score=hidden_if_conflicted(
                "reviews_average", DecimalField(max_digits=3, decimal_places=2)
            ),
            review_count=hidden_if_conflicted("reviews_counted", IntegerField()),
            not_acceptable_count=hidden_if_conflicted("reviews_not_acceptable", IntegerField()),
            # Per row: the list computes it for a page's rows only (the filter below
            # reads the viewer's reviews of the term as one set instead).
            reviewed_by_me=Exists(Review.objects.filter(application=OuterRef("pk"), reviewer=user)),
            prerequisites_done=count_of(
                PrerequisiteAnswer.objects.filter(
                    application=OuterRef("pk"), completed_at__isnull=False
                ),
                "application",
            ),
            other_active_applications=other_active_applications_count(),
        )
    )
    return applicants_sorted(queryset, sort=DEFAULT_SORT)


# Each function below narrows or orders a queryset of term_applicants (it relies on its
# annotations, which are computed for the viewer).


def applicants_complete(queryset: QuerySet, *, context: ReviewerContext, complete: bool):
    """Applicants who did every prerequisite of the term (complete) or not (incomplete)."""
    if complete:
        return queryset.filter(prerequisites_done__gte=context.required_prerequisites)
    return queryset.filter(prerequisites_done__lt=context.required_prerequisites)


def applicants_with_skill(queryset: QuerySet, *, skill: str) -> QuerySet:
    """Applicants who list the skill, by its whole name (any case)."""
    skill = skill.strip()
    if not skill:
        return queryset
    if connection.vendor == "postgresql":
        # A semi-join on the profiles found through the GIN index of their stored skill
        # names (MenteeProfile.skill_names, lower-cased by the database): no expression
        # evaluated per profile, no join through the users for every applicant.
        profiles = MenteeProfile.objects.filter(skill_names__contains=[skill.lower()]).values(
            "user_id"
        )
        return queryset.filter(applicant_id__in=profiles)
    # Elsewhere (the embedded SQLite default): skills are stored as
    # [{"name": "Python", "level": "advanced"}]; match a whole name in the text.
    needle = f'"name": {json.dumps(skill, ensure_ascii=False)}'
    return queryset.filter(applicant__mentee_profile__skills__icontains=needle)


def applicants_unreviewed(queryset: QuerySet, *, context: ReviewerContext) -> QuerySet:
    """Applicants the viewer has not reviewed yet and may review (no declared conflict).
    The viewer's reviews of the term are one set, read from the (term, reviewer) index."""
    mine = Review.objects.filter(term=context.term, reviewer=context.user).values("application_id")
    return queryset.exclude(pk__in=mine).filter(viewer_conflicted=False)


def applicants_matching(queryset: QuerySet, *, q: str) -> QuerySet:
    """Applicants whose name, legal name, cover letter or a prerequisite answer holds q."""
    q = q.strip()
    if not q:
        return queryset
    answers = PrerequisiteAnswer.objects.filter(application=OuterRef("pk"), text__icontains=q)
    return queryset.filter(
        Q(applicant__display_name__icontains=q)
        | Q(applicant__mentee_profile__legal_name__icontains=q)
        | Q(cover_letter__icontains=q)
        | Exists(answers)
    )


# Sort columns that can be empty (no profile, no score, hidden by a conflict): they sort
# empty values last. The others are never null, so a plain index serves both directions.
NULLABLE_SORTS = frozenset({"country", "score", "reviews"})


def applicants_order(sort: str) -> list[SortKey]:
    """The order of `sort` (one of the SORTS columns, `-` first: descending; an unknown
    column sorts by submission), then by id so pages never overlap: the keys that the
    dashboard's keyset pages follow."""
    key = sort.lstrip("-")
    if key not in SORTS:
        key = "submitted"
    descending = sort.startswith("-")
    return [
        SortKey(SORTS[key], descending=descending, nullable=key in NULLABLE_SORTS),
        SortKey("pk", descending=descending),
    ]


def applicants_sorted(queryset: QuerySet, *, sort: str) -> QuerySet:
    """Ordered by one of the SORTS columns (`-` first: descending; empty values last),
    then by id so pages never overlap. An unknown column sorts by submission."""
    return queryset.order_by(*keyset_order(applicants_order(sort)))


def term_applicant_countries(*, term: Term) -> list[str]:
    """The countries of residence of the term's applicants (the choices of the country
    filter), kept with the term's other figures (selectors.kept): a DISTINCT over every
    applicant of a large term on each page view costs more than the page (about 100 ms at
    50,000). A profile's country changed meanwhile may be missing for up to ten minutes:
    the filter takes any country, and the one asked for is shown."""
    return term_figure(
        term.pk,
        "countries",
        lambda: list(
            listed_applications(term=term)
            .order_by()
            .values_list("applicant__mentee_profile__country", flat=True)
            .distinct()
        ),
    )


def term_applicant_total(*, term: Term) -> int:
    """How many applicants the term has (every submitted application), kept with its
    other figures: the unfiltered lists' count, without counting 50,000 rows a view."""
    return term_figure(term.pk, "applicants", lambda: listed_applications(term=term).count())


def listed_applications(*, term: Term) -> QuerySet:
    """The term's listed applications: every one that was submitted (term_applicants)."""
    return (
        Application.objects.filter(organization=term.organization_id, term=term)
        .filter(submitted_at__isnull=False)
        .exclude(state=S.DRAFT)
    )


def term_applicant_row(*, context: ReviewerContext, application: Application) -> Application:
    """One dashboard row, e.g. to redraw it after an inline review."""
    return term_applicants(context=context).get(pk=application.pk)


def visible_notes_query(*, context: ReviewerContext) -> QuerySet[Review]:
    """The review notes the viewer may read: all of them for admins, their own for everyone
    else. Narrow it with notes_of; leave out the applicants the viewer declared a conflict
    with (their rows say so: `viewer_conflicted`)."""
    reviews = Review.objects.exclude(notes="")
    if not context.can_read_all_notes:
        reviews = reviews.filter(reviewer=context.user)
    return reviews


def notes_of(
    notes: QuerySet[Review], *, application_ids: list[int]
) -> dict[int, list[tuple[str, str]]]:
    """{application id: [(reviewer name, notes)]} of these applications. One query."""
    found: dict[int, list[tuple[str, str]]] = {}
    rows = (
        notes.filter(application_id__in=application_ids)
        .order_by("application_id", "created_at", "pk")
        .values_list("application_id", "reviewer__display_name", "reviewer__email", "notes")
    )
    for application_id, display_name, email, text in rows:
        name = display_name or email.split("@")[0]  # as User.name
        found.setdefault(application_id, []).append((name, text))
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


def applicants_for_export(queryset: QuerySet) -> QuerySet:
    """A (filtered) queryset of term_applicants as plain rows (dicts of CSV_FIELDS): many
    rows without building a model object for each."""
    return queryset.values(*CSV_FIELDS)
