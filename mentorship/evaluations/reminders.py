"""The evaluations' reminder rules (core.reminders): mentors hear a week before a required
checkpoint is due and on its last day while it has no verdict; past due, the mentors and the
organization's admins hear. Each once per checkpoint and due date. The mentee hears a week
before their final feedback is due, until they give it."""

from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from accounts.organizations.models import Membership, Role
from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant
from mentorship.evaluations.models import Evaluation, EvaluationState, FeedbackKind
from mentorship.mentorships.models import Mentorship, MentorshipMentor

WEEK = timedelta(days=7)
DAY = timedelta(days=1)
# An overdue checkpoint older than this is no longer reminded (the term's page shows it).
OVERDUE_FOR = timedelta(days=30)


def _pending(start: datetime, end: datetime, term_id: int | None = None):
    evaluations = Evaluation.objects.filter(
        state=EvaluationState.PENDING,
        required=True,
        mentorship__state="active",
        due_at__gt=start,
        due_at__lte=end,
    )
    if term_id is not None:
        evaluations = evaluations.filter(mentorship__term_id=term_id)
    return evaluations.select_related(
        "mentorship__mentee", "mentorship__term__program", "organization"
    ).order_by("due_at", "pk")


def _link(evaluation, *, admin: bool) -> str:
    mentorship = evaluation.mentorship
    if admin:
        path = reverse(
            "mentorship:org-mentorship",
            kwargs={"org": evaluation.organization.slug, "mentorship": mentorship.public_id},
        )
    else:
        path = reverse("mentorship:me-mentorship", kwargs={"mentorship": mentorship.public_id})
    return settings.SITE_URL.rstrip("/") + path


def _dues(evaluations, *, admins: bool):
    evaluations = list(evaluations)
    recipients: dict[int, list[int]] = defaultdict(list)
    if admins:
        for organization_id, user_id in Membership.objects.filter(
            organization_id__in={e.organization_id for e in evaluations}, role=Role.ADMIN
        ).values_list("organization_id", "user_id"):
            recipients[organization_id].append(user_id)
    else:
        for mentorship_id, user_id in MentorshipMentor.objects.filter(
            mentorship_id__in={e.mentorship_id for e in evaluations}
        ).values_list("mentorship_id", "user_id"):
            recipients[mentorship_id].append(user_id)
    for evaluation in evaluations:
        key = evaluation.organization_id if admins else evaluation.mentorship_id
        if not recipients[key]:
            continue
        yield Due(
            subject=subject_key("evaluation", evaluation.pk, evaluation.due_at),
            organization_id=evaluation.organization_id,
            recipient_ids=recipients[key],
            context={
                "evaluation": evaluation.get_kind_display().lower(),
                "mentee": evaluation.mentorship.mentee.name,
                "program": evaluation.mentorship.term.program.name,
                "due_at": evaluation.due_at,
                "link": _link(evaluation, admin=admins),
                "link_text": f"Mentorship of {evaluation.mentorship.mentee.name}",
            },
            at=evaluation.due_at,
            term_id=evaluation.mentorship.term_id,
        )


@cross_tenant
def evaluations_due(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): required checkpoints without a
    verdict due in (start, end]; each reminder names its own organization's mentors only."""
    return list(_dues(_pending(start, end, term_id), admins=False))


@cross_tenant
def evaluations_due_to_admins(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep): the same checkpoints; their own organization's admins."""
    return list(_dues(_pending(start, end, term_id), admins=True))


AUDIENCE = "The mentee's mentors, while the checkpoint has no verdict"
register(
    ReminderRule(
        name="mentorship.evaluation_due_in_a_week",
        trigger="7 days before a required evaluation is due",
        audience=AUDIENCE,
        template="evaluation_due_in_a_week",
        find=evaluations_due,
        window=(DAY, WEEK),
    )
)
register(
    ReminderRule(
        name="mentorship.evaluation_due_today",
        trigger="1 day before a required evaluation is due",
        audience=AUDIENCE,
        template="evaluation_due_today",
        find=evaluations_due,
        window=(timedelta(0), DAY),
    )
)
register(
    ReminderRule(
        name="mentorship.evaluation_overdue",
        trigger="When a required evaluation is past due (up to 30 days)",
        audience=AUDIENCE,
        template="evaluation_overdue",
        find=evaluations_due,
        window=(-OVERDUE_FOR, timedelta(0)),
    )
)
register(
    ReminderRule(
        name="mentorship.evaluation_overdue_admins",
        trigger="When a required evaluation is past due (up to 30 days)",
        audience="The organization's admins (escalation)",
        template="evaluation_overdue_admins",
        find=evaluations_due_to_admins,
        window=(-OVERDUE_FOR, timedelta(0)),
        optional=True,
    )
)


@cross_tenant
def final_feedback_due(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): active mentorships whose final
    checkpoint (when the mentee's final feedback is due) is in (start, end] and whose mentee
    has not given it; each reminder goes to that mentorship's own mentee."""
    mentorships = Mentorship.objects.filter(
        state="active", final_at__gt=start, final_at__lte=end
    ).exclude(feedback__kind=FeedbackKind.FINAL)
    if term_id is not None:
        mentorships = mentorships.filter(term_id=term_id)
    return [
        Due(
            subject=subject_key("final_feedback", mentorship.pk, mentorship.final_at),
            organization_id=mentorship.organization_id,
            recipient_ids=[mentorship.mentee_id],
            context={
                "program": mentorship.term.program.name,
                "due_at": mentorship.final_at,
                "link": settings.SITE_URL.rstrip("/")
                + reverse(
                    "mentorship:me-mentorship-feedback",
                    kwargs={"mentorship": mentorship.public_id, "kind": FeedbackKind.FINAL},
                ),
                "link_text": "Give your final feedback",
            },
            at=mentorship.final_at,
            term_id=mentorship.term_id,
        )
        for mentorship in mentorships.select_related("term__program").order_by("final_at", "pk")
    ]


register(
    ReminderRule(
        name="mentorship.final_feedback_due",
        trigger="7 days before the mentee's final feedback is due, until given",
        audience="The mentee of the mentorship",
        template="final_feedback_due",
        find=final_feedback_due,
        window=(timedelta(0), WEEK),
        optional=True,
    )
)
