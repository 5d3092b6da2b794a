"""Review objects for the isolation walker: on the tenant's submitted application (from
tests/applications/isolation.py) a prerequisite answer with a file, a review by the admin
with private notes, and a conflict declared by the coordinator."""

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from applications.apply.models import Application, PrerequisiteAnswer
from applications.review.services import conflict_declare, review_save
from core.uploads.models import StoredFile
from core.uploads.services import store_pdf
from programs.prerequisites.services import prerequisite_create
from tests.factories.profiles import pdf_upload


def build(tenant) -> dict:
    organization = tenant.organization
    slug = organization.slug
    with scopes_disabled():
        application = Application.objects.get(applicant__email=f"applicant@{slug}.test")
    with scope(organization=organization):
        prerequisite = prerequisite_create(
            organization=organization,
            actor=None,
            term=application.term,
            kind="custom",
            title=f"{slug} design doc"[:20],
            answer_type="file",
        )
        stored = store_pdf(
            upload=pdf_upload(f"{slug}-design.pdf"),
            owner=application.applicant,
            purpose=StoredFile.Purpose.PREREQUISITE,
        )
        answer = PrerequisiteAnswer.objects.create(
            organization=organization,
            application=application,
            prerequisite=prerequisite,
            file=stored,
            completed_at=timezone.now(),
        )
        review = review_save(
            application=application,
            reviewer=tenant.admin,
            skills=4,
            motivation=5,
            communication=3,
            availability=4,
            notes=f"{slug} private admin notes",
        )
        conflict_declare(application=application, reviewer=tenant.coordinator, kind="close_friend")
    return {"answer": answer.pk, "review": review.pk}
