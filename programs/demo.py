"""Demo programs, cycles and terms, dated relative to today. Loading twice changes nothing:
every object is looked up by a stable key first and created through the services (so the
demo obeys the same rules as the pages) only when missing.

- a current cycle, in which aurora has an approved program whose term accepts applications
  and another term in review, and borealis has a term accepting applications;
- a previous cycle, in which borealis has a term in progress, past its midterm;
- an aurora program waiting for staff approval."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.cycles.services import cycle_create
from programs.prerequisites.models import Prerequisite
from programs.prerequisites.services import prerequisite_create
from programs.programs.models import Program, ProgramStatus
from programs.programs.services import program_approve, program_create, program_submit
from programs.terms.models import Term, TermKind
from programs.terms.services.terms import term_create
from programs.terms.timeline import at_deadline_time

PROGRAMS = {
    ("aurora", "kernel-mentorship"): dict(
        name="Kernel Mentorship",
        description=(
            "Fix real bugs in the Linux kernel with an experienced maintainer. Expected "
            "outcomes: five merged patches, a working knowledge of the kernel's review "
            "process, and a talk at the community call."
        ),
        skills=["C", "Linux kernel", "Git"],
        repository_url="https://example.org/aurora/kernel",
        website_url="https://example.org/aurora",
        code_of_conduct_url="https://example.org/aurora/coc",
        approve=True,
    ),
    ("aurora", "rust-for-linux"): dict(
        name="Rust for Linux",
        description=(
            "Write and review Rust drivers for the kernel. Expected outcomes: a driver "
            "abstraction upstreamed and documented."
        ),
        skills=["Rust", "Linux kernel"],
        repository_url="https://example.org/aurora/rust",
        approve=True,
    ),
    ("aurora", "ebpf-tooling"): dict(
        name="eBPF Tooling",
        description="Build observability tools with eBPF. Expected outcomes: two new tools.",
        skills=["eBPF", "Go"],
        approve=False,  # submitted: waits for staff approval
    ),
    ("borealis", "cloud-native-contributors"): dict(
        name="Cloud Native Contributors",
        description=(
            "Contribute to Borealis' container scheduler and its operators. Expected "
            "outcomes: a feature shipped in a release, with tests and documentation."
        ),
        skills=["Go", "Kubernetes", "Containers"],
        repository_url="https://example.org/borealis/scheduler",
        code_of_conduct_url="https://example.org/borealis/coc",
        approve=True,
    ),
}


def _cycle(name: str, today, open_days: int, close_days: int, announce_days: int) -> Cycle:
    cycle = Cycle.objects.filter(name=name).first()
    if cycle is None:
        cycle = cycle_create(
            actor=None,
            name=name,
            applications_open_at=at_deadline_time(today + timedelta(days=open_days)),
            applications_close_at=at_deadline_time(today + timedelta(days=close_days)),
            results_announced_at=at_deadline_time(today + timedelta(days=announce_days)),
        )
    return cycle


def _program(organization, slug, spec, staff) -> Program:
    with scope(organization=organization):
        program = Program.objects.filter(organization=organization, slug=slug).first()
        if program is not None:
            return program
        admin = User.objects.filter(email=f"admin.{organization.slug}@example.org").first()
        fields = {k: v for k, v in spec.items() if k != "approve"}
        program = program_create(organization=organization, actor=admin, **fields)
        program = program_submit(program=program, actor=admin)
    if spec["approve"]:
        program = program_approve(program=program, actor=staff)
    return program


def _term(program, cycle, kind, start, capacity, mentor_email) -> None:
    with scope(organization=program.organization):
        if Term.objects.filter(program=program, cycle=cycle).exists():
            return
        mentor = User.objects.filter(email=mentor_email).first()
        term = term_create(
            program=program,
            actor=None,
            cycle=cycle,
            kind=kind,
            start_date=start,
            capacity=capacity,
            primary_mentor=mentor,
        )
        prerequisite_create(
            organization=program.organization,
            actor=None,
            term=term,
            kind="coding_challenge",
        )


def load_demo() -> dict[str, int]:
    today = timezone.now().date()
    before = _counts()
    # Organizations and people are not tenant-owned: looking them up needs no scope.
    organizations = {
        o.slug: o for o in Organization.objects.filter(slug__in=["aurora", "borealis"])
    }
    staff = User.objects.filter(email="staff@example.org").first()
    current = _cycle("Current cycle", today, -30, 20, 25)
    previous = _cycle("Previous cycle", today, -100, -65, -60)
    programs = {}
    for (org, slug), spec in PROGRAMS.items():
        programs[slug] = _program(organizations[org], slug, spec, staff)
    aurora, borealis = organizations["aurora"], organizations["borealis"]
    # Accepting: applications opened 10 days ago and close in 5.
    _term(
        programs["kernel-mentorship"],
        current,
        TermKind.FULL_TIME,
        today + timedelta(days=25),
        4,
        "mentor.aurora@example.org",
    )
    # Reviewing: applications closed 5 days ago; mentors select until T-6.
    _term(
        programs["rust-for-linux"],
        current,
        TermKind.FULL_TIME,
        today + timedelta(days=15),
        2,
        "mentor.aurora@example.org",
    )
    # Accepting, part-time: applications opened 5 days ago and close in 10.
    _term(
        programs["cloud-native-contributors"],
        current,
        TermKind.PART_TIME,
        today + timedelta(days=30),
        3,
        "mentor.borealis@example.org",
    )
    # In progress past its midterm (week 6 of 12 was 8 days ago).
    _term(
        programs["cloud-native-contributors"],
        previous,
        TermKind.FULL_TIME,
        today - timedelta(days=50),
        2,
        "mentor.borealis@example.org",
    )
    with scope(organization=aurora):
        if not Prerequisite.objects.filter(organization=aurora, term__isnull=True).exists():
            prerequisite_create(organization=aurora, actor=None, kind="resume")
    del borealis
    after = _counts()
    return {name: after[name] - before[name] for name in after}


@cross_tenant
def _counts() -> dict[str, int]:
    """Cross-tenant because the demo spans both demo organizations; it only counts rows
    (numbers, no rows leave), to report what loading the demo added."""
    return {
        "cycles": Cycle.objects.count(),
        "programs": Program.objects.count(),
        "published programs": Program.objects.filter(status=ProgramStatus.APPROVED).count(),
        "terms": Term.objects.count(),
    }
