"""Demo data of announcements (idempotent): borealis's admin wrote to the mentees of the term
with mentorships, to go out two minutes after the demo is loaded, so on `make run` the
worker and beat (the embedded default's, or Redis's) send it after start: the mentee
(`mentee@example.org`) finds it in their notifications and the admin sees it on the term's
announcements page, sent of total."""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from mentorship.announcements.models import Announcement
from mentorship.announcements.services.compose import announcement_create
from mentorship.mentorships.models import Mentorship

SUBJECT = "Welcome to the second half of the term"
BODY = (
    "Thank you all for a great first half. Final evaluations open next month; "
    "bring your questions to Friday's office hours."
)


def load_demo() -> dict[str, int]:
    borealis = Organization.objects.filter(slug="borealis").first()
    if borealis is None:
        return {"announcements": 0}
    with scope(organization=borealis):
        mentorship = (
            Mentorship.objects.filter(mentee__email="mentee@example.org")
            .select_related("term")
            .first()
        )
        if mentorship is None or Announcement.objects.filter(subject=SUBJECT).exists():
            return {"announcements": 0}
        announcement_create(
            term=mentorship.term,
            actor=User.objects.filter(email="admin.borealis@example.org").first(),
            audience="mentees",
            states=[],
            subject=SUBJECT,
            body=BODY,
            send_after=timezone.now() + timedelta(minutes=2),
        )
    return {"announcements": 1}
