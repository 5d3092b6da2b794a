"""The review's reminder rules (core.reminders): a mentor of a term who has applicants left
to review hears 3 days and a day before the mentors' selection deadline (the term's
"review_end" milestone), each once per deadline. Applicants waiting for their decision hear
the day before the cycle's results are announced."""

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from applications.apply.models import Application, ApplicationState
from applications.review.models import ConflictOfInterest, Review
from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant
from programs.terms.models import Milestone, MilestoneKind, TermMentor

DAY = timedelta(days=1)


def _unreviewed(start: datetime, end: datetime, term_id: int | None = None):
    milestones = Milestone.objects.filter(kind=MilestoneKind.REVIEW_END, at__gt=start, at__lte=end)
    if term_id is not None:
        milestones = milestones.filter(term_id=term_id)
    deadlines = {
        milestone.term_id: milestone
        for milestone in milestones.select_related("term__program", "term__organization")
    }
    if not deadlines:
        return []
    submitted = Counter(
        Application.objects.filter(
            term_id__in=deadlines, state=ApplicationState.SUBMITTED
        ).values_list("term_id", flat=True)
    )
    done = Counter(
        Review.objects.filter(
            term_id__in=deadlines, application__state=ApplicationState.SUBMITTED
        ).values_list("term_id", "reviewer_id")
    ) + Counter(
        ConflictOfInterest.objects.filter(
            application__term_id__in=deadlines, application__state=ApplicationState.SUBMITTED
        ).values_list("application__term_id", "reviewer_id")
    )
    dues = []
    for term_id, user_id in (
        TermMentor.objects.filter(term_id__in=deadlines)
        .order_by("term_id", "user_id")
        .values_list("term_id", "user_id")
    ):
        left = submitted[term_id] - done[(term_id, user_id)]
        if left <= 0:
            continue
        milestone = deadlines[term_id]
        dues.append(
            Due(
                subject=subject_key("review_end", term_id, milestone.at),
                organization_id=milestone.organization_id,
                recipient_ids=[user_id],
                context={
                    "program": milestone.term.program.name,
                    "deadline": milestone.at,
                    "left": left,
                    "link": settings.SITE_URL.rstrip("/")
                    + reverse(
                        "applications:review-dashboard",
                        kwargs={"org": milestone.term.organization.slug, "term": term_id},
                    ),
                    "link_text": "Review the applicants",
                },
                at=milestone.at,
                term_id=term_id,
            )
        )
    return dues


@cross_tenant
def selection_deadlines(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): terms whose selection deadline is
    in (start, end]; each reminder goes to one mentor of that term."""
    return _unreviewed(start, end, term_id)


AUDIENCE = "The term's mentors who have submitted applicants left to review"
register(
    ReminderRule(
        name="applications.selection_in_3_days",
        trigger="3 days before the mentors' selection deadline",
        audience=AUDIENCE,
        template="selection_in_3_days",
        find=selection_deadlines,
        window=(DAY, 3 * DAY),
        optional=True,
    )
)
register(
    ReminderRule(
        name="applications.selection_tomorrow",
        trigger="1 day before the mentors' selection deadline",
        audience=AUDIENCE,
        template="selection_tomorrow",
        find=selection_deadlines,
        window=(timedelta(0), DAY),
        optional=True,
    )
)


@cross_tenant
def results_announced(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): cycles whose results are
    announced in (start, end]; each reminder goes to an applicant of one of the cycle's
    terms whose application is submitted (waiting for its decision)."""
    applications = Application.objects.filter(
        state=ApplicationState.SUBMITTED,
        cycle__results_announced_at__gt=start,
        cycle__results_announced_at__lte=end,
    )
    if term_id is not None:
        applications = applications.filter(term_id=term_id)
    link = settings.SITE_URL.rstrip("/") + reverse("applications:my-applications")
    return [
        Due(
            subject=subject_key("results", term, announced_at),
            organization_id=organization_id,
            recipient_ids=[applicant_id],
            context={
                "program": program,
                "announced_at": announced_at,
                "link": link,
                "link_text": "Your applications",
            },
            at=announced_at,
            term_id=term,
        )
        for term, applicant_id, organization_id, program, announced_at in applications.order_by(
            "term_id", "pk"
        ).values_list(
            "term_id",
            "applicant_id",
            "organization_id",
            "term__program__name",
            "cycle__results_announced_at",
        )
    ]


register(
    ReminderRule(
        name="applications.results_tomorrow",
        trigger="1 day before the cycle's results are announced",
        audience="Applicants whose application is submitted, waiting for its decision",
        template="results_tomorrow",
        find=results_announced,
        window=(timedelta(0), DAY),
        optional=True,
    )
)
