from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.organizations.models import Organization
from accounts.organizations.selectors import user_roles
from accounts.people.models import User
from core.tenancy import cross_tenant
from programs.catalog.extras import public_ledger
from programs.prerequisites.models import Prerequisite
from programs.programs.models import Program, ProgramStatus, Skill
from programs.terms.models import Term, TermKind, TermMentor
from programs.terms.timeline import accepting_applications, accepting_q, term_phase


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


def _catalog_queryset(
    now: datetime, *, q: str = "", skill: str = "", organization: str = "", kind: str = ""
) -> QuerySet[Program]:
    # Built only inside the cross-tenant selectors below.
    open_terms = Term.objects.filter(accepting_q(now))
    if kind in TermKind.values:
        open_terms = open_terms.filter(kind=kind)
    queryset = (
        Program.objects.filter(status=ProgramStatus.APPROVED)
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
    if skill:
        queryset = queryset.filter(skills__slug=skill)
    if organization:
        queryset = queryset.filter(organization__slug=organization)
    q = " ".join(q.split())[:200]
    if q:
        queryset = _search(queryset, q)
    return queryset


@cross_tenant
def catalog_programs(
    *,
    q: str = "",
    skill: str = "",
    organization: str = "",
    kind: str = "",
    now: datetime | None = None,
) -> QuerySet[Program]:
    """Cross-tenant because the public catalog shows every organization; filtered to
    approved programs with a term accepting applications (and of them only those terms),
    then by the visitor's search and filters. The queryset (and its prefetches) is built
    here, inside the door, so it carries no tenant filter and may be counted and paged in
    the database anywhere. The values come cleaned by
    `programs.catalog.filters.CatalogFilterSet`."""
    return _catalog_queryset(
        now or timezone.now(), q=q, skill=skill, organization=organization, kind=kind
    )


@cross_tenant
def catalog_facets(now: datetime | None = None) -> dict:
    """Cross-tenant because the public catalog shows every organization; filtered to the
    programs in the catalog. The skills and organizations of those programs."""
    published = _catalog_queryset(now or timezone.now()).values("pk")
    skills = Skill.objects.filter(programs__in=published).distinct().order_by("name")
    organizations = Organization.objects.filter(
        pk__in=Program.objects.filter(pk__in=published).values("organization_id")
    ).order_by("name")
    return {"skills": list(skills), "organizations": list(organizations)}


@cross_tenant
def public_program(*, org: str, slug: str, user: User | None = None) -> Program:
    """Cross-tenant because the public catalog shows every organization; filtered by
    organization slug and program slug. A program's public page: published programs to anyone;
    unpublished
    ones only to members of its organization (a preview). Everything else is a 404."""
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
    program.public_ledger = public_ledger(program)
    return program


def _may_see(program: Program, user: User | None) -> bool:
    if program.status == ProgramStatus.APPROVED:
        return True
    return bool(user and user.is_authenticated and program.organization_id in user_roles(user))


@cross_tenant
def program_logo(*, org: str, slug: str, user: User | None) -> Program:
    """Cross-tenant because the public catalog shows every organization; filtered
    by slugs and visibility. The program whose logo may be shown to this visitor."""
    program = (
        Program.objects.filter(organization__slug=org, slug=slug)
        .select_related("organization")
        .first()
    )
    if program is None or not program.logo or not _may_see(program, user):
        raise Http404("No such logo.")
    return program


def _with_current_terms(programs: list[Program], now: datetime) -> list[Program]:
    for program in programs:
        program.current_terms = [t for t in program.live_terms]
        for term in program.current_terms:
            term.program = program
            term.phase = term_phase(term, now)
    return programs


def _live_terms(now: datetime) -> Prefetch:
    return Prefetch(
        "terms",
        queryset=Term.objects.filter(ends_at__gt=now).select_related("cycle").order_by("starts_at"),
        to_attr="live_terms",
    )


@cross_tenant
def catalog_other_programs(*, now: datetime | None = None, limit: int = 12) -> list[Program]:
    """Cross-tenant because the public catalog shows every organization; filtered to
    approved programs. The published programs that accept no application right now but
    have a term still to come, in review or running (their pages exist: the catalog lists
    them apart, with each term's phase)."""
    now = now or timezone.now()
    programs = list(
        Program.objects.filter(status=ProgramStatus.APPROVED)
        .exclude(Exists(Term.objects.filter(accepting_q(now), program=OuterRef("pk"))))
        .filter(Exists(Term.objects.filter(program=OuterRef("pk"), ends_at__gt=now)))
        .select_related("organization")
        .prefetch_related("skills", _live_terms(now))
        .order_by("name", "pk")[:limit]
    )
    return _with_current_terms(programs, now)


@cross_tenant
def public_organization_page(*, org: str, now: datetime | None = None) -> Organization:
    """Cross-tenant because the public pages show every organization; filtered by the
    organization's slug and to its approved programs. An organization's public page: its
    description and published programs, each with its current terms and their phase."""
    now = now or timezone.now()
    organization = Organization.objects.filter(slug=org).first()
    if organization is None:
        raise Http404("No such organization.")
    organization.published_programs = _with_current_terms(
        list(
            Program.objects.filter(organization=organization, status=ProgramStatus.APPROVED)
            .prefetch_related("skills", _live_terms(now))
            .order_by("name", "pk")
        ),
        now,
    )
    return organization
