from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.organizations.selectors import user_roles
from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.review.models import ConflictOfInterest
from core.tenancy import cross_tenant
from programs.prerequisites.models import Prerequisite
from programs.terms.models import Term

S = ApplicationState
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
class ReviewerContext:
    """The viewer in one term of the review area, with the answers of the named permissions
    the pages and the API need for every row (asked once, through `has_perm`)."""

    user: User
    term: Term
    role: str
    can_shortlist: bool
    can_read_all_notes: bool
    can_view_conflicts: bool
    required_prerequisites: int = 0
    # Whether the viewer declared a conflict with an applicant of the term: without one,
    # the lists show (and sort by) the review columns as they are (dashboard.term_applicants).
    has_conflicts: bool = True

    @classmethod
    def of(
        cls, user: User, term: Term, required_prerequisites: int, has_conflicts: bool = True
    ) -> "ReviewerContext":
        return cls(
            user=user,
            term=term,
            role=user_roles(user).get(term.organization_id),
            can_shortlist=user.has_perm("applications.shortlist_term", term),
            can_read_all_notes=user.has_perm("applications.read_all_review_notes", term),
            can_view_conflicts=user.has_perm("applications.view_conflicts", term),
            required_prerequisites=required_prerequisites,
            has_conflicts=has_conflicts,
        )


# --- helpers ------------------------------------------------------------------------------


def count_of(queryset: QuerySet, group: str) -> Coalesce:
    """The number of rows of a correlated queryset, 0 when none."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _required_prerequisites(term_ref) -> Coalesce:
    """The number of prerequisites of a term: its own and the organization's standing ones."""
    return count_of(
        Prerequisite.objects.filter(organization=OuterRef(f"{term_ref}organization"))
        .filter(Q(term=OuterRef(f"{term_ref}pk")) | Q(term__isnull=True))
        .annotate(one=Value(1)),
        "one",
    )


def review_term_get(*, user: User, organization: Organization, pk) -> ReviewerContext:
    """The term to review with what the viewer may do there; 404 for a term of another
    organization or one the viewer may not review (a mentor of another term)."""
    term = (
        Term.objects.filter(organization=organization, pk=pk)
        # The organization is the request's, at hand: one join fewer (set below).
        .select_related("program", "cycle")
        .annotate(
            viewer_required_prerequisites=_required_prerequisites(""),
            viewer_has_conflicts=Exists(
                ConflictOfInterest.objects.filter(reviewer=user, application__term=OuterRef("pk"))
            ),
        )
        .order_by()[:1]
    )
    term = next(iter(term), None)
    if term is not None:
        term.organization = organization
    if term is None or not user.has_perm("applications.review_term", term):
        raise Http404("No such term.")
    return ReviewerContext.of(
        user, term, term.viewer_required_prerequisites, has_conflicts=term.viewer_has_conflicts
    )


def review_application_get(
    *, user: User, organization: Organization, public_id
) -> tuple[Application, ReviewerContext]:
    """A submitted application the viewer may review, with the viewer's context in its
    term; 404 otherwise (a mentor of another term gets the same 404 as for a missing
    applicant)."""
    application = (
        Application.objects.filter(organization=organization, public_id=public_id)
        .exclude(state=S.DRAFT)
        .filter(submitted_at__isnull=False)
        # The term's organization and the application's cycle are rows already at hand
        # (set below): two joins fewer for the planner on every applicant page. Not the
        # resume's file row either: pages say whether there is one (`resume_id`).
        .select_related("term__program", "term__cycle", "applicant__mentee_profile")
        .annotate(
            viewer_required_prerequisites=_required_prerequisites("term__"),
            viewer_conflicted=Exists(
                ConflictOfInterest.objects.filter(application=OuterRef("pk"), reviewer=user)
            ),
        )
        .order_by()[:1]
    )
    application = next(iter(application), None)
    if application is None or not user.has_perm("applications.review_application", application):
        raise Http404("No such application.")
    application._conflict_viewer = user.pk
    application.organization = organization  # the same row: spares a query
    if application.term.organization_id == organization.pk:
        application.term.organization = organization
    if application.cycle_id == application.term.cycle_id:
        application.cycle = application.term.cycle
    context = ReviewerContext.of(user, application.term, application.viewer_required_prerequisites)
    return application, context


def reviewer_has_conflict(user: User, application: Application) -> bool:
    """Whether `user` declared a conflict of interest with `application`: such a reviewer
    may not see its reviews, review it or decide on it."""
    if getattr(application, "_conflict_viewer", None) == user.pk:
        return bool(application.viewer_conflicted)
    return user.pk is not None and application.pk in conflicts_declared(
        user_id=user.pk, organization_id=application.organization_id
    )


@cross_tenant
def conflicts_declared(*, user_id: int, organization_id: int) -> frozenset[int]:
    """The ids of the applications a person declared a conflict with in one organization.
    Runs in any scope because permission predicates may ask about an object of another
    organization than the URL's; it filters by the person and the organization given."""
    return frozenset(
        ConflictOfInterest.objects.filter(
            organization_id=organization_id, reviewer_id=user_id
        ).values_list("application_id", flat=True)
    )
