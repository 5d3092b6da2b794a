"""The to-dos of platform staff, employers and graduates."""

from __future__ import annotations

from django.urls import reverse

from accounts.invitations.models import OrganizationRequest
from accounts.people.models import User
from config.start.todo import StartPage, Todo
from core.tenancy import cross_tenant
from mentorship.graduates import selectors as graduates_selectors
from mentorship.graduates.models import Employer, EmployerStatus
from payments.payouts.models import Payout, PayoutState
from programs.programs.models import Program, ProgramStatus


@cross_tenant
def staff_todos(page: StartPage) -> None:
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


def employer_todos(user: User, page: StartPage) -> None:
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


def graduate_todos(user: User, page: StartPage) -> None:
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
