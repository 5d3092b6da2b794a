from dataclasses import dataclass

from django.db.models import (
    BooleanField,
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
from django_scopes import scopes_disabled

from accounts.organizations.models import Organization, Role
from accounts.organizations.selectors import user_roles
from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.review.models import ConflictOfInterest, SelectionSettings
from programs.prerequisites.models import Prerequisite
from programs.terms.models import Term, TermMentor

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
