"""Reads shared by pages and the API. Functions marked CROSS-TENANT run unscoped on
purpose (the public catalog, staff pages); each is reviewed like security code and only
ever shows published programs or serves platform staff."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from accounts.models import Membership, Organization, Role, User
from accounts.selectors import user_roles
from programs.models import (
    Cycle,
    Milestone,
    Prerequisite,
    Program,
    ProgramStatus,
    Skill,
    Term,
    TermKind,
    TermMentor,
)
from programs.timeline import Phase, accepting_applications, accepting_q, term_phase

# --- the organization's own ---------------------------------------------------------------


def organization_programs(*, organization: Organization) -> QuerySet[Program]:
    return (
        Program.objects.filter(organization=organization)
        .prefetch_related("skills")
        .order_by("name")
    )


def program_get(*, organization: Organization, slug: str) -> Program:
    program = organization_programs(organization=organization).filter(slug=slug).first()
    if program is None:
        raise Http404("No such program.")
    return program


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


def organization_prerequisites(*, organization: Organization) -> QuerySet[Prerequisite]:
    return Prerequisite.objects.filter(organization=organization).select_related("term")


def standing_prerequisites(*, organization: Organization) -> QuerySet[Prerequisite]:
    return Prerequisite.objects.filter(organization=organization, term__isnull=True)


def organization_mentor_choices(*, organization: Organization) -> QuerySet[User]:
    """The people who can mentor a term: the organization's members with the mentor role."""
    with scopes_disabled():
        ids = list(
            Membership.objects.filter(organization=organization, role=Role.MENTOR).values_list(
                "user_id", flat=True
            )
        )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("display_name", "email")


def term_applicant_counts(terms: list[Term]) -> dict[int, int]:
    """{term id: number of applicants}: applications that were submitted (whatever was
    decided since), not drafts and not withdrawn. One query for any number of terms."""
    from applications.models import Application, ApplicationState

    counts = dict.fromkeys((term.pk for term in terms), 0)
    if not counts:
        return counts
    rows = (
        Application.objects.filter(organization__in={t.organization_id for t in terms})
        .filter(term__in=list(counts))
        .exclude(state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN])
        .values("term")
        .annotate(n=Count("id"))
        .values_list("term", "n")
    )
    counts.update(rows)
    return counts


@dataclass
class TermRow:
    term: Term
    phase: Phase
    applicants: int
    next_milestone: Milestone | None


@dataclass
class ProgramRow:
    program: Program
    terms: list[TermRow] = field(default_factory=list)


def organization_dashboard(
    *, organization: Organization, now: datetime | None = None
) -> list[ProgramRow]:
    """The organization home: every program with its status, and each term's phase,
    applicants, slots and next milestone. A fixed number of queries for any size."""
    now = now or timezone.now()
    programs = list(
        Program.objects.filter(organization=organization)
        .prefetch_related(
            Prefetch(
                "terms",
                queryset=Term.objects.select_related("cycle").prefetch_related("milestones"),
            )
        )
        .order_by("name")
    )
    terms = [term for program in programs for term in program.terms.all()]
    counts = term_applicant_counts(terms)
    rows = []
    for program in programs:
        row = ProgramRow(program=program)
        for term in program.terms.all():
            term.program = program  # already loaded: no query per term
            row.terms.append(
                TermRow(
                    term=term,
                    phase=term_phase(term, now),
                    applicants=counts.get(term.pk, 0),
                    next_milestone=term.next_milestone(now),
                )
            )
        rows.append(row)
    return rows


def cycles_for_new_terms(now: datetime | None = None) -> QuerySet[Cycle]:
    """Cycles whose application window has not closed yet (where a new term can go)."""
    now = now or timezone.now()
    return Cycle.objects.filter(applications_close_at__gt=now).order_by("applications_open_at")


def cycles() -> QuerySet[Cycle]:
    return Cycle.objects.order_by("-applications_open_at")


# --- the public catalog (CROSS-TENANT) ---------------------------------------------------


def _uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _search(queryset: QuerySet[Program], q: str) -> QuerySet[Program]:
    skill_match = Exists(Skill.objects.filter(programs=OuterRef("pk"), name__icontains=q))
    if _uses_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("name", weight="A", config="english")
            + SearchVector("organization__name", weight="B", config="english")
            + SearchVector("description", weight="C", config="english")
        )
        query = SearchQuery(q, search_type="websearch", config="english")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(Q(search=query) | skill_match)
            .order_by("-rank", "name", "pk")
        )
    # SQLite (the embedded default): a plain contains-search.
    return queryset.filter(
        Q(name__icontains=q)
        | Q(description__icontains=q)
        | Q(organization__name__icontains=q)
        | skill_match
    )


@dataclass
class CatalogFilters:
    q: str = ""
    skill: str = ""
    organization: str = ""
    kind: str = ""


def catalog_programs(
    filters: CatalogFilters | None = None, now: datetime | None = None
) -> QuerySet[Program]:
    """CROSS-TENANT: published programs with a term accepting applications, searchable and
    filterable. Only approved programs of any organization, and of them only their terms
    that accept applications. Every queryset here is built unscoped, so the result can be
    evaluated (paginated) anywhere."""
    filters = filters or CatalogFilters()
    now = now or timezone.now()
    open_terms = Term.objects.with_scopes_disabled().filter(accepting_q(now))
    if filters.kind in TermKind.values:
        open_terms = open_terms.filter(kind=filters.kind)
    queryset = (
        Program.objects.with_scopes_disabled()
        .filter(status=ProgramStatus.APPROVED)
        .filter(Exists(open_terms.filter(program=OuterRef("pk"))))
        .select_related("organization")
        .prefetch_related(
            "skills",
            Prefetch(
                "terms",
                queryset=open_terms.select_related("cycle").order_by("starts_at", "id"),
                to_attr="open_terms",
            ),
        )
        .order_by("name", "pk")
    )
    if filters.skill:
        queryset = queryset.filter(skills__slug=filters.skill)
    if filters.organization:
        queryset = queryset.filter(organization__slug=filters.organization)
    q = " ".join(filters.q.split())[:200]
    if q:
        queryset = _search(queryset, q)
    return queryset


def catalog_facets(now: datetime | None = None) -> dict:
    """CROSS-TENANT: the skills and organizations of the programs in the catalog."""
    published = catalog_programs(now=now).values("pk")
    skills = Skill.objects.filter(programs__in=published).distinct().order_by("name")
    organizations = Organization.objects.filter(
        pk__in=Program.objects.with_scopes_disabled()
        .filter(pk__in=published)
        .values("organization_id")
    ).order_by("name")
    return {"skills": list(skills), "organizations": list(organizations)}


def public_program(*, org: str, slug: str, user: User | None = None) -> Program:
    """CROSS-TENANT: a program's public page: published programs to anyone; unpublished
    ones only to members of its organization (a preview). Everything else is a 404."""
    with scopes_disabled():
        program = (
            Program.objects.filter(organization__slug=org, slug=slug)
            .select_related("organization")
            .prefetch_related("skills")
            .first()
        )
        if program is None or not _may_see(program, user):
            raise Http404("No such program.")
        now = timezone.now()
        program.public_terms = list(
            Term.objects.filter(program=program, ends_at__gt=now)
            .select_related("cycle")
            .prefetch_related(
                "milestones",
                Prefetch("mentors", queryset=TermMentor.objects.select_related("user")),
                "prerequisites",
            )
            .order_by("starts_at", "id")
        )
        program.standing_prerequisites = list(
            Prerequisite.objects.filter(organization=program.organization, term__isnull=True)
        )
    for term in program.public_terms:
        term.program = program
        term.phase = term_phase(term, now)
        term.accepting = accepting_applications(term, now)
    return program


def _may_see(program: Program, user: User | None) -> bool:
    if program.status == ProgramStatus.APPROVED:
        return True
    return bool(user and user.is_authenticated and program.organization_id in user_roles(user))


def program_logo(*, org: str, slug: str, user: User | None) -> Program:
    """CROSS-TENANT: the program whose logo may be shown to this visitor."""
    with scopes_disabled():
        program = (
            Program.objects.filter(organization__slug=org, slug=slug)
            .select_related("organization")
            .first()
        )
    if program is None or not program.logo or not _may_see(program, user):
        raise Http404("No such logo.")
    return program


# --- platform staff (CROSS-TENANT) ---------------------------------------------------------


def staff_programs(*, status: str = ProgramStatus.SUBMITTED) -> list[Program]:
    """CROSS-TENANT, staff only: programs of every organization in a status (the approval
    queue by default), oldest change first."""
    with scopes_disabled():
        queryset = Program.objects.select_related("organization").prefetch_related("skills")
        if status:
            queryset = queryset.filter(status=status)
        return list(queryset.order_by("updated_at", "pk"))


def staff_program_get(*, pk) -> Program:
    """CROSS-TENANT, staff only: one program of any organization, for a decision."""
    with scopes_disabled():
        program = (
            Program.objects.select_related("organization")
            .prefetch_related("skills")
            .filter(pk=pk)
            .first()
        )
    if program is None:
        raise Http404("No such program.")
    return program


def program_history(*, program: Program) -> list:
    """The program's status changes, newest first (from the audit log)."""
    from accounts.models import AuditEvent

    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(
                object_type="programs.program",
                object_id=str(program.pk),
                action__in=["program.created", "program.status_changed"],
            ).select_related("actor")
        )
