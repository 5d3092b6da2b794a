from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.tenancy import cross_tenant
from mentorship.mentorships.models import Mentorship, MentorshipMentor


def _mentorship_queryset() -> QuerySet[Mentorship]:
    return Mentorship.objects.select_related(
        "term__program", "term__cycle", "mentee"
    ).prefetch_related(
        Prefetch("mentors", queryset=MentorshipMentor.objects.select_related("user"))
    )


def organization_mentorships(*, organization: Organization) -> QuerySet[Mentorship]:
    return _mentorship_queryset().filter(organization=organization)


def mentorship_get(*, organization: Organization, public_id) -> Mentorship:
    mentorship = (
        organization_mentorships(organization=organization).filter(public_id=public_id).first()
    )
    if mentorship is None:
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
