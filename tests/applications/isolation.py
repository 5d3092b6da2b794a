"""Applications for the isolation walker: a term of the tenant with one submitted
application. Areas add their own objects in tests/applications/isolation_<area>.py (they
run after this module, in name order, and may reuse the returned parameters)."""

from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import CycleFactory, ProgramFactory, make_term


def build(tenant) -> dict:
    slug = tenant.organization.slug
    program = ProgramFactory(organization=tenant.organization, name=f"{slug} applied program")
    term = make_term(program, CycleFactory())  # cycles are platform-wide: no tenant name
    applicant = UserFactory(email=f"applicant@{slug}.test", display_name=f"{slug} applicant")
    application = ApplicationFactory(term=term, applicant=applicant)
    return {"application": application.public_id, "applied_term": term.pk}
