from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django_scopes import scopes_disabled

from accounts.organizations.models import Organization
from accounts.people.models import User
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


def person_mentorships(*, user: User) -> list[Mentorship]:
    """CROSS-TENANT: mentorships the person is the mentee or a mentor of."""
    with scopes_disabled():
        return list(
            _mentorship_queryset()
            .select_related("organization")
            .filter(Q(mentee=user) | Q(mentors__user=user))
            .distinct()
            .order_by("-starts_at", "id")
        )


def person_mentorship_get(*, user: User, public_id) -> Mentorship:
    """CROSS-TENANT: one mentorship of the person (as mentee or mentor), else 404."""
    with scopes_disabled():
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
