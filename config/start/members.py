"""The to-dos of mentees, mentors and organization admins."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from accounts.people.models import User
from accounts.people.selectors import mentee_profile_of, profile_missing_for_applying
from applications.apply.models import Application
from applications.apply.selectors.mine import my_applications
from applications.decisions.models import OfferState
from applications.review.models import ConflictOfInterest, Review
from config.start.todo import S, StartPage, Todo
from core.tenancy import cross_tenant
from mentorship.offers.selectors import mentee_offers
from payments.payouts.models import Payout, PayoutState
from payments.plans.models import StipendPlan
from programs.catalog.matching import best_matches
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import MilestoneKind, Term


def mentee_todos(user: User, now: datetime, page: StartPage) -> None:
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
def mentor_todos(user: User, now: datetime, page: StartPage, organizations: list[int]) -> None:
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
def admin_todos(user: User, now: datetime, page: StartPage, organizations: list[int]) -> None:
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
    pending = (
        StipendPlan.objects.filter(organization_id__in=organizations, pending=True)
        .values("organization__slug", "organization__name")
        .annotate(n=Count("id"))
        .order_by("organization__name")
    )
    for row in pending:
        page.admin.append(
            Todo(
                text=f"{row['organization__name']}: {row['n']} stipend plan"
                f"{'s' if row['n'] != 1 else ''} waiting for an amount (the table has none "
                "for the mentee's country).",
                url=reverse("payments:org-policies", kwargs={"org": row["organization__slug"]})
                + "#pending",
                action="Set the amounts",
            )
        )
