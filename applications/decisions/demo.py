"""Demo data of the decisions area (idempotent: loading twice changes nothing).

- borealis's in-progress term (the previous cycle's Cloud Native Contributors) has two
  accepted applicants, one of them `mentee@example.org` (mentorship/demo.py confirms their
  offers, so they become mentorships past their midterm);
- aurora's open term (Kernel Mentorship, current cycle) has one accepted applicant whose
  offer waits for confirmation (the mentee sees it at the cycle's results announcement).

Applications are written directly as submitted (applying is the mentee area's job); the
decisions and confirmations go through this area's services, so the demo obeys the same
rules (capacity, one acceptance per cycle) as the pages."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import User
from applications.apply.demo import complete_prerequisites
from applications.apply.models import Application, ApplicationState
from applications.decisions.models import Offer
from applications.decisions.services.accept import application_accept
from core.tenancy import cross_tenant
from programs.terms.models import Term

EXTRA_MENTEES = {
    "rio.mentee@example.org": ("Rio Rivera", "Rio Alejandro Rivera"),
    "olive.mentee@example.org": ("Olive Okafor", "Olive Adaeze Okafor"),
}


def _person(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        display_name, _legal = EXTRA_MENTEES[email]
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=display_name
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


@cross_tenant
def _term(org: str, program: str, cycle: str) -> Term | None:
    """Demo data spans both demo organizations; the term is found by its names."""
    return (
        Term.objects.select_related("organization", "cycle", "program")
        .filter(organization__slug=org, program__slug=program, cycle__name=cycle)
        .first()
    )


def _submitted(term: Term, applicant: User, letter: str) -> Application:
    application = (
        Application.objects.filter(term=term, applicant=applicant)
        .exclude(state=ApplicationState.WITHDRAWN)
        .first()
    )
    if application is None:
        application = Application.objects.create(
            organization=term.organization,
            term=term,
            cycle=term.cycle,
            applicant=applicant,
            state=ApplicationState.SUBMITTED,
            cover_letter=letter,
            # Two days before the close, or now for a term still open: never in the future.
            submitted_at=min(timezone.now(), term.applications_close_at - timedelta(days=2)),
        )
    # An accepted application has its required prerequisites, like any submitted one.
    complete_prerequisites(application, when=application.submitted_at)
    return application


def _accepted(application: Application, admin: User | None) -> Offer | None:
    if application.state == ApplicationState.SUBMITTED:
        application_accept(application=application, actor=admin)
    return Offer.objects.filter(application=application).first()


def load_demo() -> dict[str, int]:
    before = _counts()
    organizations = {o.slug: o for o in Organization.objects.all()}
    previous = _term("borealis", "cloud-native-contributors", "Previous cycle")
    if previous is not None:
        admin = User.objects.filter(email="admin.borealis@example.org").first()
        with scope(organization=organizations["borealis"]):
            for email in ("mentee@example.org", "rio.mentee@example.org"):
                mentee = _person(email)
                application = _submitted(
                    previous, mentee, "I run a small Kubernetes cluster at home and want to help."
                )
                _accepted(application, admin)
    current = _term("aurora", "kernel-mentorship", "Current cycle")
    if current is not None:
        admin = User.objects.filter(email="admin.aurora@example.org").first()
        with scope(organization=organizations["aurora"]):
            application = _submitted(
                current,
                _person("olive.mentee@example.org"),
                "I maintain a USB driver patch set and would love a mentor for upstreaming.",
            )
            _accepted(application, admin)
    after = _counts()
    return {name: after[name] - before[name] for name in after}


@cross_tenant
def _counts() -> dict[str, int]:
    """Counted over both demo organizations."""
    return {
        "accepted applications": Application.objects.filter(
            state=ApplicationState.ACCEPTED
        ).count(),
    }
