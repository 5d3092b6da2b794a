"""Objects of announcements for the isolation walker (see tests/isolation/world.py): in each
tenant, an announcement to the mentors of a term built before it, its
subject naming the tenant (B's is stamped with the marker)."""

from django_scopes import scope

from mentorship.announcements.services.compose import announcement_create
from programs.terms.models import Term


def build(tenant) -> dict:
    organization = tenant.organization
    with scope(organization=organization):
        # A term with mentors built by an earlier builder (tests/applications/...).
        term = Term.objects.filter(mentors__isnull=False).order_by("pk").first()
        announcement_create(
            term=term,
            actor=tenant.admin,
            audience="mentors",
            states=[],
            subject=f"{organization.slug} mentors' meeting",
            body=f"Meeting of the {organization.slug} mentors.",
        )
    return {}
