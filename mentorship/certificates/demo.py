"""Demo graduate (idempotent, through the services): `graduate@example.org` took Aurora's
Kernel Mentorship in an earlier cycle (a year ago), passed every evaluation and holds a
letter of completion; so does `alumna@example.org`, in the same term."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from applications.apply.demo import complete_prerequisites
from applications.apply.models import Application, ApplicationState
from applications.decisions.models import Offer
from applications.decisions.services.accept import application_accept
from mentorship.certificates.models import Certificate
from mentorship.evaluations.models import EvaluationState
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.mentorships.models import Mentorship
from mentorship.offers.services import offer_confirm
from programs.cycles.models import Cycle
from programs.cycles.services import cycle_create
from programs.programs.models import Program
from programs.terms.models import Term, TermKind
from programs.terms.services.terms import term_create
from programs.terms.timeline import at_deadline_time

CYCLE = "Earlier cycle"
GRADUATE = "graduate@example.org"
# A second graduate of the same term, whose graduate profile is public (graduates/demo.py).
PUBLIC_GRADUATE = "alumna@example.org"


def _cycle(today) -> Cycle:
    cycle = Cycle.objects.filter(name=CYCLE).first()
    if cycle is None:
        cycle = cycle_create(
            actor=None,
            name=CYCLE,
            applications_open_at=at_deadline_time(today - timedelta(days=450)),
            applications_close_at=at_deadline_time(today - timedelta(days=415)),
            results_announced_at=at_deadline_time(today - timedelta(days=410)),
        )
    return cycle


def load_demo() -> dict[str, int]:
    aurora = Organization.objects.filter(slug="aurora").first()
    graduate = User.objects.filter(email=GRADUATE).first()
    alumna = User.objects.filter(email=PUBLIC_GRADUATE).first()
    mentor = User.objects.filter(email="mentor.aurora@example.org").first()
    if aurora is None or graduate is None or mentor is None:
        return {"certificates": 0}
    today = timezone.now().date()
    cycle = _cycle(today)
    with scope(organization=aurora):
        program = Program.objects.filter(organization=aurora, slug="kernel-mentorship").first()
        if program is None:
            return {"certificates": 0}
        term = Term.objects.filter(program=program, cycle=cycle).first()
        if term is None:
            term = term_create(
                program=program,
                actor=None,
                cycle=cycle,
                kind=TermKind.FULL_TIME,
                start_date=today - timedelta(days=400),
                capacity=2,
                primary_mentor=mentor,
            )
        created = not graduate_in_term(
            term=term,
            cycle=cycle,
            person=graduate,
            mentor=mentor,
            legal_name="Gustav Graduate",
            cover_letter="I write device drivers for fun and want to upstream one.",
        )
        if alumna is not None:
            created += not graduate_in_term(
                term=term,
                cycle=cycle,
                person=alumna,
                mentor=mentor,
                legal_name="Alina Alumna",
                cover_letter="I maintain a filesystem test suite and want to work upstream.",
            )
        return {"certificates": int(created)}


def graduate_in_term(*, term, cycle, person, mentor, legal_name, cover_letter) -> bool:
    """`person` applies to `term`, is accepted, confirms and passes every evaluation (inside
    the term's organization scope). Returns whether they already held a letter."""
    application = Application.objects.filter(term=term, applicant=person).first()
    if application is None:
        application = Application.objects.create(
            organization=term.organization,
            term=term,
            cycle=cycle,
            applicant=person,
            state=ApplicationState.SUBMITTED,
            cover_letter=cover_letter,
            submitted_at=term.applications_close_at - timedelta(days=2),
        )
        # Answered every prerequisite before submitting, like every demo application.
        complete_prerequisites(application, when=application.submitted_at)
    if application.state == ApplicationState.SUBMITTED:
        application_accept(application=application, actor=None)
    mentorship = Mentorship.objects.filter(application=application).first()
    if mentorship is None:
        offer = Offer.objects.get(application=application)
        mentorship = offer_confirm(
            offer=offer,
            mentee=person,
            legal_name=legal_name,
            agreed=True,
            ip="192.0.2.11",
            now=cycle.results_announced_at + timedelta(hours=1),
        )
    had = Certificate.objects.filter(mentorship=mentorship).exists()
    for evaluation in mentorship.evaluations.order_by("week"):
        if evaluation.state == EvaluationState.PENDING:
            evaluation_verdict(
                evaluation=evaluation,
                actor=mentor,
                verdict="pass",
                progress=5,
                communication=5,
                comment="The driver landed upstream in the last week.",
                now=evaluation.due_at,
            )
    return had
