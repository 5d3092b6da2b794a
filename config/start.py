"""The home page (what the platform is, open programs, deadlines, figures) and the personal
start page after sign-in (what to do next, per role the person holds).

These pages read every app, so they live in the top layer (config may import them all).
Each to-do list is built by one small function here from the apps' own selectors and models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from accounts.invitations.models import OrganizationRequest
from accounts.organizations.models import Role
from accounts.organizations.selectors import user_memberships
from accounts.people.models import User
from accounts.people.selectors import mentee_profile_of, profile_missing_for_applying
from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.mine import my_applications
from applications.decisions.models import OfferState
from applications.review.models import ConflictOfInterest, Review
from core.tenancy import cross_tenant
from mentorship.graduates import selectors as graduates_selectors
from mentorship.graduates.models import Employer, EmployerStatus
from mentorship.offers.selectors import mentee_offers
from payments.payouts.models import Payout, PayoutState
from programs.catalog import selectors as catalog_selectors
from programs.catalog.matching import ProgramMatch, best_matches
from programs.cycles.models import Cycle
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import MilestoneKind, Term, TermMentor

S = ApplicationState


@dataclass
class Todo:
    """One thing to do: a sentence, where to do it, and by when (if there is a deadline)."""

    text: str
    url: str
    action: str
    due: datetime | None = None


@dataclass
class StartPage:
    mentee: list[Todo] = field(default_factory=list)
    mentor: list[Todo] = field(default_factory=list)
    admin: list[Todo] = field(default_factory=list)
    staff: list[Todo] = field(default_factory=list)
    employer: list[Todo] = field(default_factory=list)
    graduate: list[Todo] = field(default_factory=list)
    employer_name: str = ""
    is_graduate: bool = False
    matches: list[ProgramMatch] = field(default_factory=list)
    profile_missing: list[str] = field(default_factory=list)
    show_mentee: bool = True
    has_profile: bool = False
    is_mentor: bool = False
    is_admin: bool = False
    has_applications: bool = False


# --- the public home page ---------------------------------------------------------------


@dataclass
class Deadline:
    term: Term
    at: datetime


@cross_tenant
def home_figures(*, now: datetime | None = None) -> dict[str, int]:
    """Cross-tenant because the home page counts the whole platform; only counts leave here,
    no row of any organization. The headline figures of the home page."""
    now = now or timezone.now()
    return {
        "open_programs": catalog_selectors.catalog_programs(now=now).count(),
        "organizations": Program.objects.filter(status=ProgramStatus.APPROVED)
        .values("organization_id")
        .distinct()
        .count(),
        "mentees": Application.objects.filter(
            Q(state=S.ACCEPTED), cycle__results_announced_at__lte=now
        ).count(),
        "mentors": TermMentor.objects.filter(term__program__status=ProgramStatus.APPROVED)
        .values("user_id")
        .distinct()
        .count(),
    }


def home_page(*, now: datetime | None = None) -> dict:
    """Open programs (the first six of the catalog, soonest deadline first), the upcoming
    application deadlines and the figures."""
    now = now or timezone.now()
    programs = list(catalog_selectors.catalog_programs(now=now))
    deadlines = sorted(
        (Deadline(term=t, at=t.applications_close_at) for p in programs for t in p.open_terms),
        key=lambda d: d.at,
    )
    for deadline in deadlines:
        deadline.term.program = next(p for p in programs if p.pk == deadline.term.program_id)
    programs.sort(key=lambda p: min(t.applications_close_at for t in p.open_terms))
    cycle = (
        Cycle.objects.filter(results_announced_at__gt=now).order_by("applications_open_at").first()
    )
    return {
        "programs": programs[:6],
        "more_programs": max(0, len(programs) - 6),
        "deadlines": deadlines[:5],
        "figures": home_figures(now=now),
        "cycle": cycle,
    }


# --- the personal start page ------------------------------------------------------------


def _mentee_todos(user: User, now: datetime, page: StartPage) -> None:
    profile = mentee_profile_of(user)
    page.profile_missing = profile_missing_for_applying(user, profile)
    page.has_profile = profile.pk is not None
    if page.profile_missing:
        page.mentee.append(
            Todo(
                text="Complete your profile: " + ", ".join(page.profile_missing) + ".",
                url=reverse("accounts:profile"),
                action="Complete your profile",
            )
        )
    for offer in mentee_offers(user=user, now=now):
        if offer.state == OfferState.PENDING and offer.deadline > now:
            program = offer.application.term.program
            page.mentee.append(
                Todo(
                    text=f"Answer the offer from {program.name}: confirm or decline your place.",
                    url=reverse(
                        "mentorship:me-offer", kwargs={"application": offer.application.public_id}
                    ),
                    action="Answer the offer",
                    due=offer.deadline,
                )
            )
    items = my_applications(user=user, now=now)
    page.has_applications = bool(items)
    for item in items:
        application = item.application
        if item.can_edit:
            page.mentee.append(
                Todo(
                    text=_draft_text(item),
                    url=reverse(
                        "applications:my-application", kwargs={"application": application.public_id}
                    ),
                    action="Continue the draft",
                    due=application.term.applications_close_at,
                )
            )
        elif item.state == S.SUBMITTED and [r for r in item.open_later if r.open]:
            page.mentee.append(
                Todo(
                    text=f"{application.term.program.name}: {item.next_step}",
                    url=reverse(
                        "applications:my-application", kwargs={"application": application.public_id}
                    ),
                    action="Complete it",
                )
            )
    page.matches = best_matches(profile=profile, now=now)[:3]


def _draft_text(item) -> str:
    application = item.application
    missing = len(item.missing_required) + (0 if application.cover_letter.strip() else 1)
    name = application.term.program.name
    if missing:
        return f"Finish your draft for {name}: {missing} item{'s' if missing != 1 else ''} to go."
    return f"Your draft for {name} is complete: submit it."


@cross_tenant
def _mentor_todos(user: User, now: datetime, page: StartPage, organizations: list[int]) -> None:
    """Cross-tenant because a mentor may review in several organizations; filtered by the
    terms this person mentors (TermMentor rows of their own, in organizations they belong to).
    Applicants they have not reviewed yet, per term whose results are not out yet, with
    its selection deadline."""
    terms = list(
        Term.objects.filter(
            mentors__user=user,
            organization_id__in=organizations,
            # Submitted applicants can be reviewed as they come, until results are out.
            cycle__results_announced_at__gt=now,
        )
        .select_related("program", "organization", "cycle")
        .prefetch_related("milestones")
        .distinct()
    )
    if not terms:
        return
    counts = dict(
        Application.objects.filter(term__in=terms, state=S.SUBMITTED)
        .exclude(Exists(Review.objects.filter(application=OuterRef("pk"), reviewer=user)))
        .exclude(
            Exists(ConflictOfInterest.objects.filter(application=OuterRef("pk"), reviewer=user))
        )
        .values("term_id")
        .annotate(n=Count("id"))
        .values_list("term_id", "n")
    )
    for term in terms:
        waiting = counts.get(term.pk, 0)
        if not waiting:
            continue
        deadline = term.milestone(MilestoneKind.REVIEW_END)
        page.mentor.append(
            Todo(
                text=f"{term.program.name}, {term.cycle.name}: {waiting} "
                f"applicant{'s' if waiting != 1 else ''} you have not reviewed yet.",
                url=reverse(
                    "applications:review-dashboard",
                    kwargs={"org": term.organization.slug, "term": term.pk},
                ),
                action="Review applicants",
                due=deadline.at if deadline else term.cycle.results_announced_at,
            )
        )


@cross_tenant
def _admin_todos(user: User, now: datetime, page: StartPage, organizations: list[int]) -> None:
    """Cross-tenant because a person may administer several organizations; filtered by the
    organizations where they are an admin. Terms needing attention: in review with
    undecided applicants, without mentors while they accept applications, and programs
    rejected by staff or still drafts."""
    terms = list(
        Term.objects.filter(organization_id__in=organizations, ends_at__gt=now)
        .select_related("program", "organization", "cycle")
        .prefetch_related("milestones")
        .annotate(
            mentor_count=Count("mentors", distinct=True),
            undecided=Count(
                "applications", filter=Q(applications__state=S.SUBMITTED), distinct=True
            ),
        )
        .order_by("applications_close_at", "id")
    )
    for term in terms:
        url = reverse(
            "programs:term-detail", kwargs={"org": term.organization.slug, "term": term.pk}
        )
        label = f"{term.program.name}, {term.cycle.name} ({term.short_kind})"
        if term.mentor_count == 0 and term.starts_at > now:
            page.admin.append(Todo(text=f"{label}: no mentor yet.", url=url, action="Add mentors"))
        if term.applications_close_at <= now < term.cycle.results_announced_at and term.undecided:
            page.admin.append(
                Todo(
                    text=f"{label}: {term.undecided} applicant{'s' if term.undecided != 1 else ''} "
                    "waiting for a decision.",
                    url=reverse(
                        "applications:term-decisions",
                        kwargs={"org": term.organization.slug, "term": term.pk},
                    ),
                    action="Decide",
                    due=term.cycle.results_announced_at,
                )
            )
    for program in Program.objects.filter(
        organization_id__in=organizations, status__in=[ProgramStatus.DRAFT, ProgramStatus.REJECTED]
    ).select_related("organization"):
        page.admin.append(
            Todo(
                text=f"{program.name} is {program.get_status_display().lower()}: "
                "submit it for approval to publish it.",
                url=reverse(
                    "programs:program-detail",
                    kwargs={"org": program.organization.slug, "program": program.slug},
                ),
                action="Open the program",
            )
        )
    payable = (
        Payout.objects.filter(organization_id__in=organizations, state=PayoutState.PAYABLE)
        .values("organization__slug", "organization__name")
        .annotate(n=Count("id"))
        .order_by("organization__name")
    )
    for row in payable:
        page.admin.append(
            Todo(
                text=f"{row['organization__name']}: {row['n']} stipend payout"
                f"{'s' if row['n'] != 1 else ''} waiting for approval.",
                url=reverse("payments:org-payouts", kwargs={"org": row["organization__slug"]})
                + "?state=payable",
                action="Approve payouts",
            )
        )


@cross_tenant
def _staff_todos(page: StartPage) -> None:
    """Cross-tenant because platform staff approve for every organization; only counts of
    the approval queues leave here."""
    programs = Program.objects.filter(status=ProgramStatus.SUBMITTED).count()
    if programs:
        page.staff.append(
            Todo(
                text=f"{programs} program{'s' if programs != 1 else ''} waiting for approval.",
                url=reverse("programs:staff-programs"),
                action="Review programs",
            )
        )
    requests = OrganizationRequest.objects.filter(status="pending").count()
    if requests:
        page.staff.append(
            Todo(
                text=f"{requests} request{'s' if requests != 1 else ''} for a new organization.",
                url=reverse("accounts:staff-organization-requests"),
                action="Review requests",
            )
        )
    approved = Payout.objects.filter(state=PayoutState.APPROVED).count()
    if approved:
        page.staff.append(
            Todo(
                text=f"{approved} approved stipend payout{'s' if approved != 1 else ''} to pay.",
                url=reverse("payments:staff-payouts"),
                action="Pay stipends",
            )
        )
    employers = Employer.objects.filter(status=EmployerStatus.PENDING).count()
    if employers:
        page.staff.append(
            Todo(
                text=f"{employers} compan{'ies' if employers != 1 else 'y'} asking for an "
                "employer account.",
                url=reverse("mentorship:staff-employers"),
                action="Review employers",
            )
        )


def _employer_todos(user: User, page: StartPage) -> None:
    employer = graduates_selectors.employer_of(user=user)
    if employer is None:
        return
    page.employer_name = employer.name
    if employer.status == EmployerStatus.PENDING:
        page.employer.append(
            Todo(
                text=f"Your request for {employer.name} waits for platform staff.",
                url=reverse("mentorship:employer-directory"),
                action="See the request",
            )
        )
        return
    if employer.status != EmployerStatus.APPROVED:
        return
    accepted = graduates_selectors.employer_interests(employer=employer).filter(status="accepted")
    count = accepted.count()
    if count:
        page.employer.append(
            Todo(
                text=f"{count} graduate{'s' if count != 1 else ''} accepted your interest "
                "request: write to them.",
                url=reverse("mentorship:employer-interests"),
                action="See their email addresses",
            )
        )
    page.employer.append(
        Todo(
            text="Search graduates who chose to be seen by employers.",
            url=reverse("mentorship:employer-directory"),
            action="Find graduates",
        )
    )


def _graduate_todos(user: User, page: StartPage) -> None:
    if not graduates_selectors.is_graduate(user):
        return
    page.is_graduate = True
    profile = graduates_selectors.profile_of(user=user)
    url = reverse("mentorship:me-graduate-profile")
    if profile is None:
        page.graduate.append(
            Todo(
                text="Make a graduate profile from your completed mentorships, so employers "
                "can find you (only if you publish it).",
                url=url,
                action="Make your profile",
            )
        )
        return
    if not profile.is_published:
        page.graduate.append(
            Todo(text="Your graduate profile is not published.", url=url, action="Publish it")
        )
    waiting = graduates_selectors.graduate_interests(profile=profile).filter(status="pending")
    count = waiting.count()
    if count:
        page.graduate.append(
            Todo(
                text=f"{count} employer{'s' if count != 1 else ''} wrote to you.",
                url=reverse("mentorship:me-graduate-interests"),
                action="Answer",
            )
        )
    endorsements = user.endorsements.filter(accepted_at__isnull=True).count()
    if endorsements:
        page.graduate.append(
            Todo(
                text=f"{endorsements} endorsement{'s' if endorsements != 1 else ''} from your "
                "mentors to accept.",
                url=url,
                action="Read them",
            )
        )


def start_page(*, user: User, now: datetime | None = None) -> StartPage:
    now = now or timezone.now()
    page = StartPage()
    memberships = user_memberships(user=user)
    mentoring = [
        m.organization_id
        for m in memberships
        if m.role in (Role.MENTOR, Role.COORDINATOR, Role.ADMIN)
    ]
    administering = [m.organization_id for m in memberships if m.role == Role.ADMIN]
    page.is_mentor = bool(mentoring)
    page.is_admin = bool(administering)
    _mentee_todos(user, now, page)
    # Members of an organization see the mentee part only once they act as a mentee.
    page.show_mentee = not memberships or page.has_applications or page.has_profile
    if mentoring:
        _mentor_todos(user, now, page, mentoring)
    if administering:
        _admin_todos(user, now, page, administering)
    if user.is_staff:
        _staff_todos(page)
    _employer_todos(user, page)
    _graduate_todos(user, page)
    for todos in (page.mentee, page.mentor, page.admin):
        todos.sort(key=lambda t: (t.due is None, t.due or now))
    return page
