"""Writing an announcement: its input checked (the confirmation step shows who it goes to)
and the record created, handed to the sending task (mentorship.announcements.services.sending)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from applications.apply.models import ApplicationState
from core.audit.services import audit_record
from core.errors import Conflict
from core.tasks import enqueue_on_commit
from mentorship.announcements.models import Announcement, AnnouncementAudience
from mentorship.announcements.selectors import announcement_recipient_ids
from mentorship.announcements.tasks import announcement_send_task

SUBJECT_MAX = 150
BODY_MAX = 5000


def announcement_check(*, term, audience: str, states: list[str], subject: str, body: str):
    """The announcement's input, cleaned, and who it goes to; ValidationError naming each
    bad field (nothing is written). Used by the confirmation step and by the creation."""
    errors: dict[str, str] = {}
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject:
        errors["subject"] = "Write a subject."
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"Keep the subject under {SUBJECT_MAX} characters."
    if not body:
        errors["body"] = "Write the message."
    elif len(body) > BODY_MAX:
        errors["body"] = f"Keep the message under {BODY_MAX} characters."
    if audience not in AnnouncementAudience.values:
        errors["audience"] = "Choose applicants, mentees or mentors."
    states = sorted(set(states or []))
    if audience == AnnouncementAudience.APPLICANTS:
        if not states:
            errors["application_states"] = "Choose the applications' states to write to."
        elif set(states) - set(ApplicationState.values):
            errors["application_states"] = "Choose states among the applications' states."
    else:
        states = []
    if errors:
        raise ValidationError(errors)
    recipients = announcement_recipient_ids(term_id=term.pk, audience=audience, states=states)
    if not recipients:
        raise ValidationError({"audience": "Nobody in this term matches: nothing to send."})
    return {"subject": subject, "body": body, "states": states, "recipients": recipients}


@transaction.atomic
def announcement_create(
    *,
    term,
    actor,
    audience: str,
    states: list[str],
    subject: str,
    body: str,
    send_after: datetime | None = None,
    confirmed_count: int | None = None,
) -> Announcement:
    """Records the announcement and hands it to the sending task after commit (or, with a
    later `send_after`, to the sweep when its time comes). `confirmed_count` is how many
    people the admin agreed to write to (the page's and the API's confirmation step): when
    the audience changed since, Conflict, and nothing is written."""
    clean = announcement_check(
        term=term, audience=audience, states=states, subject=subject, body=body
    )
    count = len(clean["recipients"])
    if confirmed_count is not None and confirmed_count != count:
        raise Conflict(
            f"It now goes to {count} {'person' if count == 1 else 'people'}, not "
            f"{confirmed_count}: check and confirm again."
        )
    announcement = Announcement.objects.create(
        organization=term.organization,
        term=term,
        audience=audience,
        application_states=clean["states"],
        subject=clean["subject"],
        body=clean["body"],
        total=len(clean["recipients"]),
        created_by=actor,
        send_after=send_after or timezone.now(),
    )
    audit_record(
        action="announcement.created",
        obj=announcement,
        actor=actor,
        organization=term.organization,
        data={"audience": audience, "recipients": announcement.total},
    )
    if announcement.send_after <= timezone.now():
        enqueue_on_commit(
            announcement_send_task,
            announcement_id=announcement.pk,
            organization_id=announcement.organization_id,
        )
    return announcement
