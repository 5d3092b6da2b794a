from django.db import models
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from accounts.organizations.models import Organization
from accounts.people.models import User
from accounts.viewer import viewer_for
from core.tenancy import cross_tenant
from mentorship.evaluations.models import Evaluation, EvaluationState
from mentorship.mentorships.models import Mentorship, MentorshipMentor, MentorshipState
from programs.rules import mentored_term_ids


def _mentorship_queryset() -> QuerySet[Mentorship]:
    return Mentorship.objects.select_related(
        "term__program", "term__cycle", "mentee", "application"
    ).prefetch_related(
        Prefetch("mentors", queryset=MentorshipMentor.objects.select_related("user"))
    )


def organization_mentorships(*, user: User, organization: Organization) -> QuerySet[Mentorship]:
    """The organization's mentorships the person may see: every one for admins and
    coordinators, those of the terms they mentor for a mentor (the same rule as
    `mentorship.view_mentorship` per row)."""
    queryset = _mentorship_queryset().filter(organization=organization)
    if user.has_perm("mentorship.view_every_mentorship", organization):
        return queryset
    return queryset.filter(term_id__in=mentored_term_ids(viewer_for(user, organization.pk)))


def mentorship_get(*, user: User, organization: Organization, public_id) -> Mentorship:
    """A mentorship the person may see; the same 404 as for a missing one otherwise."""
    mentorship = (
        _mentorship_queryset().filter(organization=organization, public_id=public_id).first()
    )
    if mentorship is None or not user.has_perm("mentorship.view_mentorship", mentorship):
        raise Http404("No such mentorship.")
    return mentorship


@cross_tenant
def person_mentorships(*, user: User) -> list[Mentorship]:
    """Mentorships the person is the mentee or a mentor of. Cross-tenant because a person
    may take part in mentorships of several organizations; filtered by the person."""
    return list(
        _mentorship_queryset()
        .select_related("organization")
        .filter(Q(mentee=user) | Q(mentors__user=user))
        .distinct()
        .order_by("-starts_at", "id")
    )


@cross_tenant
def person_mentorship_get(*, user: User, public_id) -> Mentorship:
    """One mentorship of the person (as mentee or mentor), else 404. Cross-tenant because
    the /me/ URL names no organization; filtered by public id and the person. Pages and
    the API reach it through `accounts.tenancy.owned_object`, which enters its scope."""
    mentorship = (
        _mentorship_queryset()
        .select_related("organization")
        .filter(Q(mentee=user) | Q(mentors__user=user), public_id=public_id)
        .distinct()
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentorship.")
    return mentorship


class Standing(models.TextChoices):
    """Where a mentorship stands, as the term's list shows it to admins."""

    ON_TRACK = "on_track", "On track"
    OVERDUE = "evaluation_overdue", "Evaluation overdue"
    EXTENDED = "extended", "Extended"
    FAILED = "failed", "Failed"
    GRADUATED = "graduated", "Graduated"
    ENDED = "ended", "Ended by an admin"


def with_standing(queryset: QuerySet[Mentorship], *, now=None) -> QuerySet[Mentorship]:
    """Annotates `standing` and `has_overdue`. A required checkpoint past due without a
    verdict is "evaluation overdue" (optional ones may be skipped). One SQL expression, so
    the list filters by it in the database and its query count does not grow with rows."""
    now = now or timezone.now()
    overdue = Evaluation.objects.filter(
        mentorship=OuterRef("pk"), state=EvaluationState.PENDING, required=True, due_at__lt=now
    )
    return queryset.annotate(
        has_overdue=Exists(overdue),
        standing=Case(
            When(state=MentorshipState.GRADUATED, then=Value(Standing.GRADUATED)),
            When(state=MentorshipState.FAILED, then=Value(Standing.FAILED)),
            When(state=MentorshipState.ENDED, then=Value(Standing.ENDED)),
            When(has_overdue=True, then=Value(Standing.OVERDUE)),
            When(extension_weeks__gt=0, then=Value(Standing.EXTENDED)),
            default=Value(Standing.ON_TRACK),
            output_field=models.CharField(),
        ),
    )


def term_mentorships(*, organization: Organization, term_id: int, now=None):
    """Every mentorship of one term with its standing, for admins and coordinators."""
    return with_standing(
        _mentorship_queryset().filter(organization=organization, term_id=term_id), now=now
    ).order_by("mentee__display_name", "id")
