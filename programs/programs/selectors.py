"""Reads shared by pages and the API. Functions decorated `@cross_tenant` run unscoped on
purpose (the public catalog, staff pages); each is reviewed like security code and only
ever shows published programs or serves platform staff."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.organizations.models import Organization
from core.audit.models import AuditEvent
from core.tenancy import cross_tenant
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import Milestone, Term
from programs.terms.selectors import term_applicant_counts
from programs.terms.timeline import Phase, term_phase


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


@cross_tenant
def staff_programs(*, status: str = ProgramStatus.SUBMITTED) -> QuerySet[Program]:
    """Cross-tenant because platform staff review every organization's programs; filtered by
    status. Staff only: programs of every organization in a status (the approval queue by
    default), oldest change first. The queryset (and its prefetches) is built here, inside
    the door, so it carries no tenant filter and is counted and paged in the database by the
    caller."""
    queryset = Program.objects.select_related("organization").prefetch_related("skills")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("updated_at", "pk")


@cross_tenant
def staff_program_get(*, pk) -> Program:
    """Cross-tenant because staff decide on any organization's program; filtered by
    id. Staff only: one program of any organization, for a decision."""
    program = (
        Program.objects.select_related("organization")
        .prefetch_related("skills")
        .filter(pk=pk)
        .first()
    )
    if program is None:
        raise Http404("No such program.")
    return program


@cross_tenant
def program_history(*, program: Program) -> list:
    """The program's status changes, newest first (from the audit log), each with
    `from_label` and `to_label`, the statuses in words. Cross-tenant because staff read it
    outside any scope; filtered by the program's object type and id."""
    events = list(
        AuditEvent.objects.filter(
            object_type="programs.program",
            object_id=str(program.pk),
            action__in=["program.created", "program.status_changed"],
        ).select_related("actor")
    )
    words = dict(ProgramStatus.choices)
    for event in events:
        event.from_label = words.get(event.from_state, event.from_state)
        event.to_label = words.get(event.to_state, event.to_state)
    return events
