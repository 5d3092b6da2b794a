"""Demo data of matching (idempotent: loading twice changes nothing). A matched cycle,
“Matched cycle”, whose applications closed two days ago and whose results are announced
in three days: aurora's Rust for Linux and borealis's Service Mesh each have a term with one
slot; three mentees applied (Lena prefers borealis, Tariq applied to aurora only, Yuki
prefers aurora), the mentors reviewed them, and a matching run has proposed placements:
staff can preview and publish it at /staff/matching/, aurora's and borealis's admins
preview it at /o/<org>/matching/.

The cycle, program, terms, reviews and run go through the services; the applications are
written directly as submitted (applying is the mentee area's job, as in
applications/decisions/demo.py)."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.demo import DEMO_PASSWORD
from accounts.people.models import User
from applications.apply.demo import complete_prerequisites
from applications.apply.models import Application, ApplicationState
from applications.review.models import Review
from applications.review.services import review_save
from mentorship.runs.models import MatchRun
from mentorship.runs.services.execute import match_run_execute
from mentorship.runs.services.runs import match_run_start
from programs.cycles.models import Cycle
from programs.cycles.services import cycle_create
from programs.programs.models import Program
from programs.programs.services import program_approve, program_create, program_submit
from programs.terms.models import Term, TermKind
from programs.terms.services.terms import term_create
from programs.terms.timeline import at_deadline_time

CYCLE = "Matched cycle"
MENTEES = {
    "lena.mentee@example.org": "Lena Lindqvist",
    "tariq.mentee@example.org": "Tariq Haddad",
    "yuki.mentee@example.org": "Yuki Tanaka",
}
# mentee: [(organization, program slug, score given by the term's reviewers)], best first
CHOICES = {
    "lena.mentee@example.org": [("borealis", "service-mesh", 5), ("aurora", "rust-for-linux", 5)],
    "tariq.mentee@example.org": [("aurora", "rust-for-linux", 3)],
    "yuki.mentee@example.org": [("aurora", "rust-for-linux", 4), ("borealis", "service-mesh", 2)],
}
REVIEWERS = {
    "aurora": ["admin.aurora@example.org", "mentor.aurora@example.org"],
    "borealis": ["admin.borealis@example.org", "mentor.borealis@example.org"],
}


def _person(email: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=MENTEES[email]
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def _service_mesh(borealis: Organization, staff: User | None) -> Program:
    with scope(organization=borealis):
        program = Program.objects.filter(organization=borealis, slug="service-mesh").first()
        if program is not None:
            return program
        admin = User.objects.filter(email="admin.borealis@example.org").first()
        program = program_create(
            organization=borealis,
            actor=admin,
            name="Service Mesh",
            description=(
                "Improve Borealis' service mesh: traffic policies and their tests. Expected "
                "outcomes: a policy feature released with documentation."
            ),
            skills=["Go", "Networking"],
        )
        program = program_submit(program=program, actor=admin)
    return program_approve(program=program, actor=staff)


def _term(program: Program, cycle: Cycle, start, mentor_email: str) -> Term:
    with scope(organization=program.organization):
        term = Term.objects.filter(program=program, cycle=cycle).first()
        if term is None:
            term = term_create(
                program=program,
                actor=None,
                cycle=cycle,
                kind=TermKind.FULL_TIME,
                start_date=start,
                capacity=1,
                primary_mentor=User.objects.filter(email=mentor_email).first(),
            )
        return term


def load_demo() -> dict[str, int]:
    organizations = {
        o.slug: o for o in Organization.objects.filter(slug__in=["aurora", "borealis"])
    }
    if len(organizations) < 2:
        return {"matching runs": 0}
    today = timezone.now().date()
    staff = User.objects.filter(email="staff@example.org").first()
    cycle = Cycle.objects.filter(name=CYCLE).first()
    if cycle is None:
        cycle = cycle_create(
            actor=None,
            name=CYCLE,
            applications_open_at=at_deadline_time(today - timedelta(days=40)),
            applications_close_at=at_deadline_time(today - timedelta(days=2)),
            results_announced_at=at_deadline_time(today + timedelta(days=3)),
            selection_mode="matched",
        )
    start = today + timedelta(days=18)  # applications T-35 … T-20: closed two days ago
    with scope(organization=organizations["aurora"]):
        rust = Program.objects.get(organization=organizations["aurora"], slug="rust-for-linux")
    terms = {
        ("aurora", "rust-for-linux"): _term(rust, cycle, start, "mentor.aurora@example.org"),
        ("borealis", "service-mesh"): _term(
            _service_mesh(organizations["borealis"], staff),
            cycle,
            start,
            "mentor.borealis@example.org",
        ),
    }
    for email, choices in CHOICES.items():
        mentee = _person(email)
        for rank, (org, slug, value) in enumerate(choices, start=1):
            term = terms[(org, slug)]
            with scope(organization=organizations[org]):
                application = Application.objects.filter(term=term, applicant=mentee).first()
                if application is None:
                    application = Application.objects.create(
                        organization=term.organization,
                        term=term,
                        cycle=cycle,
                        applicant=mentee,
                        state=ApplicationState.SUBMITTED,
                        mentee_rank=rank,
                        cover_letter="I have followed the project for a year and fixed small bugs.",
                        submitted_at=term.applications_close_at - timedelta(days=3),
                    )
                # A submitted application answered every prerequisite (the resume is the
                # applicant's profile resume), like every demo application.
                complete_prerequisites(application, when=application.submitted_at)
                for reviewer_email in REVIEWERS[org]:
                    reviewer = User.objects.get(email=reviewer_email)
                    if not Review.objects.filter(application=application, reviewer=reviewer):
                        review_save(
                            application=application,
                            reviewer=reviewer,
                            skills=value,
                            motivation=value,
                            communication=value,
                            availability=value,
                        )
    if MatchRun.objects.filter(cycle=cycle).exists():
        return {"matching runs": 0}
    run = match_run_start(cycle=cycle, actor=None, enqueue=False)
    match_run_execute(run_id=run.pk)
    return {"matching runs": 1}
