"""Sending an announcement: through the outbox in batches, each person once (core's claims,
rule "announcement"), the row recording state, progress, attempts and the last error. Every
email also lands in the person's notifications (the outbox does that)."""

from datetime import datetime
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from core.outbox.services import Message, email_queue_many
from core.reminders.services import claims_take
from core.transitions import state_transition
from mentorship.announcements.models import Announcement, AnnouncementAudience, AnnouncementState
from mentorship.announcements.selectors import announcement_recipient_ids

S = AnnouncementState
BATCH = 500  # recipients per transaction
MAX_ATTEMPTS = 3
CLAIM_RULE = "announcement"
TRANSITIONS = {
    (S.QUEUED, S.SENDING): "started_at",
    (S.SENDING, S.DONE): "finished_at",
    (S.SENDING, S.QUEUED): None,  # its worker was lost: sent again, skipping who has it
    (S.SENDING, S.FAILED): "finished_at",
}
REFUSALS = {
    S.SENDING: "This announcement is being sent.",
    S.DONE: "This announcement was sent already.",
    S.FAILED: "This announcement stopped after repeated failures.",
}


def _link(announcement: Announcement) -> str:
    if announcement.audience == AnnouncementAudience.APPLICANTS:
        path = reverse("applications:my-applications")
    elif announcement.audience == AnnouncementAudience.MENTEES:
        path = reverse("mentorship:me-mentorships")
    else:
        path = reverse("programs:org-home", kwargs={"org": announcement.organization.slug})
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def announcement_send_batch(*, announcement: Announcement, recipient_ids: list[int]) -> int:
    """Claims each recipient of the batch and queues the email to those this call claimed,
    in one transaction; returns how many. A fixed number of queries per batch."""
    subject = f"announcement:{announcement.pk}"
    claimed = claims_take(
        rule=CLAIM_RULE,
        wanted=[(subject, user_id, announcement.organization_id) for user_id in recipient_ids],
    )
    if not claimed:
        return 0
    context = {
        "program": announcement.term.program.name,
        "organization": announcement.organization.name,
        "subject": announcement.subject,
        "body": announcement.body,
        "link": _link(announcement),
        "link_text": "Open it on the site",
    }
    people = (
        get_user_model()
        .objects.filter(pk__in=[user_id for _, user_id in claimed])
        .values_list("pk", "email", "timezone")
    )
    messages = [
        Message(
            to=email,
            template="announcement",
            context=context,
            organization_id=announcement.organization_id,
            user_id=pk,
            zone=zone,
            topic=announcement.topic,
        )
        for pk, email, zone in people
        if email
    ]
    email_queue_many(messages=messages)
    Announcement.objects.filter(pk=announcement.pk).update(queued=F("queued") + len(messages))
    return len(messages)


def _move(announcement: Announcement, to_state: str, **updates) -> Announcement:
    return state_transition(
        obj=announcement,
        to_state=to_state,
        actor=None,
        transitions=TRANSITIONS,
        refusals=REFUSALS,
        updates=updates,
        audited=False,
    )


def announcement_send(*, announcement_id: int) -> int:
    """Sends a waiting announcement: takes it (compare-and-set, so two tasks never send it
    at once), then claims and queues its recipients in batches, then marks it done. Returns
    how many emails this run queued. Run again after a lost worker, it skips everyone
    claimed; after MAX_ATTEMPTS runs it stops, failed, with the error kept."""
    announcement = (
        Announcement.objects.filter(pk=announcement_id)
        .select_related("term__program", "organization")
        .first()
    )
    if announcement is None or announcement.state != S.QUEUED:
        return 0
    if announcement.attempts >= MAX_ATTEMPTS:
        Announcement.objects.filter(pk=announcement.pk, state=S.QUEUED).update(
            state=S.FAILED, finished_at=timezone.now()
        )
        return 0
    try:
        _move(announcement, S.SENDING, attempts=F("attempts") + 1)
    except ValidationError:
        return 0  # another task took it
    announcement.refresh_from_db()
    recipients = announcement_recipient_ids(
        term_id=announcement.term_id,
        audience=announcement.audience,
        states=announcement.application_states,
    )
    Announcement.objects.filter(pk=announcement.pk).update(total=len(recipients))
    queued = 0
    try:
        iterator = iter(recipients)
        while chunk := list(islice(iterator, BATCH)):
            queued += announcement_send_batch(announcement=announcement, recipient_ids=chunk)
    except Exception as error:
        Announcement.objects.filter(pk=announcement.pk).update(
            last_error=f"{type(error).__name__}: {error}"[:4000]
        )
        announcement.refresh_from_db()
        _move(announcement, S.QUEUED)  # the sweep tries again
        raise
    announcement.refresh_from_db()
    _move(announcement, S.DONE, last_error="")
    return queued


def announcement_requeue_stuck(*, announcement_id: int, now: datetime) -> bool:
    """A send whose worker was lost (still `sending` long after it started) goes back to
    waiting, to be run again; returns whether it did."""
    announcement = Announcement.objects.filter(pk=announcement_id, state=S.SENDING).first()
    if announcement is None:
        return False
    try:
        _move(announcement, S.QUEUED)
    except ValidationError:
        return False
    return True
