"""Objects of the term's work for the isolation walker (see tests/isolation/world.py): in
each tenant, the mentorship of tests/applications/isolation_decisions.py gets a passed
evaluation-1 (with a verdict), a task and the mentee's midterm feedback, and a second
mentee of the same term graduates with a letter of completion. Names carry the tenant's
slug, so B's rows shown to A are caught."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from applications.decisions.models import Offer
from applications.decisions.services.accept import application_accept
from mentorship.assignments.services import task_create
from mentorship.certificates.models import Certificate
from mentorship.evaluations.services.feedback import feedback_submit
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.mentorships.models import Mentorship
from mentorship.offers.services import offer_confirm
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory


def _pass(evaluation, actor, slug):
    evaluation_verdict(
        evaluation=evaluation,
        actor=actor,
        verdict="pass",
        progress=4,
        communication=4,
        comment=f"{slug} verdict comment",
        now=evaluation.due_at,
    )


def build(tenant) -> dict:
    organization = tenant.organization
    slug = organization.slug
    with scope(organization=organization):
        mentorship = Mentorship.objects.filter(organization=organization).order_by("pk").first()
        term = mentorship.term
        first = mentorship.evaluations.get(kind="evaluation_1")
        _pass(first, tenant.mentor, slug)
        (task,) = task_create(
            actor=tenant.mentor,
            mentorship=mentorship,
            title=f"{slug} task",
            description=f"{slug} task description",
            due_at=timezone.now(),
        )
        feedback_submit(
            mentorship=mentorship,
            mentee=mentorship.mentee,
            kind="midterm",
            mentorship_rating=3,
            program_rating=3,
            comments=f"{slug} feedback",
            now=mentorship.midterm_at,
        )
    graduate = ApplicationFactory(
        term=term, applicant=UserFactory(display_name=f"{slug} graduate mentee")
    )
    with scope(organization=organization):
        application_accept(application=graduate, actor=None)
        offer = Offer.objects.get(application=graduate)
        graduated = offer_confirm(
            offer=offer,
            mentee=graduate.applicant,
            legal_name=f"{slug} graduate legal name",
            agreed=True,
            ip="198.51.100.2",
            now=term.cycle.results_announced_at + timedelta(minutes=1),
        )
        for kind in ("midterm", "final"):
            _pass(graduated.evaluations.get(kind=kind), tenant.mentor, slug)
        certificate = Certificate.objects.get(mentorship=graduated)
    return {
        "evaluation": first.public_id,
        "task": task.public_id,
        "certificate": certificate.verification_id,
    }
