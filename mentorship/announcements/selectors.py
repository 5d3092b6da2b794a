"""Reads of announcements: who an announcement goes to, a term's announcements with their
progress (counted from the outbox by topic), and the ones the sweep must send."""

from datetime import datetime, timedelta

from django.db.models import Count

from applications.apply.models import Application
from core.outbox.models import OutboxEmail
from core.tenancy import cross_tenant
from mentorship.announcements.models import Announcement, AnnouncementAudience, AnnouncementState
from mentorship.mentorships.models import Mentorship, MentorshipState
from programs.terms.models import TermMentor

# A send that has not finished after this long lost its worker: the sweep starts it again
# (its recipients are claimed, so those who have it are skipped).
STUCK_AFTER = timedelta(minutes=10)


def announcement_recipient_ids(*, term_id: int, audience: str, states: list[str]) -> list[int]:
    """The user ids an announcement to the term's `audience` goes to, each once: applicants
    whose application is in one of `states`, the term's mentees (mentorships not ended by an
    admin) or its mentors. Read in the caller's organization scope."""
    if audience == AnnouncementAudience.APPLICANTS:
        ids = Application.objects.filter(term_id=term_id, state__in=states).values_list(
            "applicant_id", flat=True
        )
    elif audience == AnnouncementAudience.MENTEES:
        ids = (
            Mentorship.objects.filter(term_id=term_id)
            .exclude(state=MentorshipState.ENDED)
            .values_list("mentee_id", flat=True)
        )
    elif audience == AnnouncementAudience.MENTORS:
        ids = TermMentor.objects.filter(term_id=term_id).values_list("user_id", flat=True)
    else:
        return []
    return sorted(set(ids))


def term_announcements(*, term) -> list[Announcement]:
    """The term's announcements, newest first, each with `progress` (outbox rows by state:
    queued, sending, sent, failed), in two queries."""
    announcements = list(
        Announcement.objects.filter(term=term).select_related("created_by").order_by("-created_at")
    )
    counts: dict[str, dict[str, int]] = {a.topic: {} for a in announcements}
    for topic, state, count in (
        OutboxEmail.objects.filter(topic__in=counts)
        .values("topic", "state")
        .annotate(count=Count("id"))
        .values_list("topic", "state", "count")
    ):
        counts[topic][state] = count
    for announcement in announcements:
        announcement.progress = counts[announcement.topic]
        announcement.sent = counts[announcement.topic].get("sent", 0)
        announcement.failed = counts[announcement.topic].get("failed", 0)
    return announcements


@cross_tenant
def announcements_due(*, now: datetime) -> list[dict]:
    """CROSS-TENANT (the sweep serves every organization): announcements waiting whose time
    came, and sends whose worker was lost; ids only, each sent inside its own organization."""
    queued = Announcement.objects.filter(state=AnnouncementState.QUEUED, send_after__lte=now)
    stuck = Announcement.objects.filter(
        state=AnnouncementState.SENDING, started_at__lt=now - STUCK_AFTER
    )
    return [
        {"announcement_id": pk, "organization_id": organization_id}
        for pk, organization_id in (queued | stuck)
        .order_by("send_after", "pk")
        .values_list("pk", "organization_id")[:100]
    ]
