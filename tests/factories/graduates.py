"""Graduates and employers for tests: a graduated mentorship with its certificate, an
approved employer with its first member, a published graduate profile."""

from django_scopes import scope

from mentorship.certificates.models import Certificate
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.graduates.services import employers as employers_services
from mentorship.graduates.services import profiles as profiles_services
from tests.factories.accounts import UserFactory
from tests.factories.mentorship import confirmed_mentorship


def graduate(tenant, **kwargs):
    mentorship = confirmed_mentorship(tenant, **kwargs)
    with scope(organization=tenant.organization):
        for kind in ("midterm", "final"):
            evaluation = mentorship.evaluations.get(kind=kind)
            evaluation_verdict(
                evaluation=evaluation,
                actor=tenant.mentor,
                verdict="pass",
                progress=4,
                communication=4,
                now=evaluation.due_at,
            )
        return mentorship, Certificate.objects.get(mentorship=mentorship)


def approved_employer(name="Acme", staff=None):
    person = UserFactory()
    employer = employers_services.employer_request_create(
        user=person,
        name=name,
        website="https://acme.example",
        contact="Ada, hiring",
        reason="We hire open-source people.",
    )
    staff = staff or UserFactory(is_staff=True)
    employers_services.employer_approve(employer=employer, actor=staff)
    employer.refresh_from_db()
    return employer, person


def published(user, visibility="employers", **fields):
    fields.setdefault("headline", "Kernel hacker")
    fields.setdefault("skills", "Rust (advanced), C")
    profile = profiles_services.profile_save(user=user, visibility=visibility, **fields)
    return profiles_services.profile_publish(profile=profile, actor=user)
