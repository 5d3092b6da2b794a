"""Telling the people of a mentorship what happened to it: one outbox email per person,
with a link to the mentorship's page (the same page serves its mentee and mentors)."""

from core.outbox.services import absolute_url, email_queue
from mentorship.mentorships.models import Mentorship


def mentorship_people(mentorship: Mentorship, *, mentee: bool = True, mentors: bool = True):
    addresses = []
    if mentee:
        addresses.append(mentorship.mentee.email)
    if mentors:
        addresses += [row.user.email for row in mentorship.mentors.select_related("user")]
    return addresses


def mentorship_notify(
    *,
    mentorship: Mentorship,
    subject: str,
    message: str,
    mentee: bool = True,
    mentors: bool = True,
) -> None:
    """Queues `message` to the mentee and/or the mentors, in the caller's transaction."""
    to = mentorship_people(mentorship, mentee=mentee, mentors=mentors)
    if not to:
        return
    email_queue(
        to=to,
        template="mentorship_event",
        context={
            "subject": subject,
            "message": message,
            "program": mentorship.term.program.name,
            "mentee": mentorship.mentee.name,
            "link": absolute_url("mentorship:me-mentorship", mentorship=mentorship.public_id),
        },
        organization=mentorship.organization,
    )
