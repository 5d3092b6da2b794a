from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django_scopes import scope

from accounts.organizations.models import Membership, Organization, Role
from accounts.people.models import User
from programs.terms.models import Milestone, Term, TermMentor


def _term_queryset() -> QuerySet[Term]:
    return Term.objects.select_related("program", "cycle").prefetch_related(
        "milestones",
        Prefetch("mentors", queryset=TermMentor.objects.select_related("user")),
        "prerequisites",
    )


def organization_terms(*, organization: Organization) -> QuerySet[Term]:
    return _term_queryset().filter(organization=organization)


def term_get(*, organization: Organization, pk) -> Term:
    term = organization_terms(organization=organization).filter(pk=pk).first()
    if term is None:
        raise Http404("No such term.")
    return term


def organization_milestones(*, organization: Organization) -> QuerySet[Milestone]:
    return (
        Milestone.objects.filter(organization=organization)
        .select_related("term")
        .order_by("term_id", "at", "id")
    )


def organization_term_mentors(*, organization: Organization) -> QuerySet[TermMentor]:
    return TermMentor.objects.filter(organization=organization).select_related("user", "term")


def organization_mentor_choices(*, organization: Organization) -> QuerySet[User]:
    """The people who can mentor a term: the organization's members with the mentor role."""
    with scope(organization=organization):
        ids = list(
            Membership.objects.filter(organization=organization, role=Role.MENTOR).values_list(
                "user_id", flat=True
            )
        )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("display_name", "email")


def term_applicant_counts(terms: list[Term]) -> dict[int, int]:
    """{term id: number of applicants}: applications that were submitted (whatever was
    decided since), not drafts and not withdrawn. One query for any number of terms."""
    # Applications are a higher layer (applications/): counted through the term's reverse
    # relation, by the states' stored values.
    counts = dict.fromkeys((term.pk for term in terms), 0)
    if not counts:
        return counts
    rows = (
        Term.objects.filter(pk__in=list(counts))
        .annotate(
            n=Count(
                "applications",
                filter=~Q(applications__state__in=["draft", "withdrawn"]),
            )
        )
        .values_list("pk", "n")
    )
    counts.update(rows)
    return counts
