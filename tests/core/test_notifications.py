"""In-app notifications: every email the outbox queues to a person with an account also lands
in their /me/notifications/ (page and API), with the unread count in the navigation; each
person sees and marks only their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.notifications.models import Notification
from core.outbox.models import OutboxEmail
from core.outbox.services import email_queue
from tests.conftest import client_for
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def _notify(*people, subject="Your offer is waiting", organization=None):
    email_queue(
        to=[person.email for person in people] + ["nobody@example.org"],
        template="mentorship_event",
        context={
            "subject": subject,
            "message": "Answer it on the site.",
            "program": "Kernel",
            "mentee": "Ada",
            "link": "https://example.org/me/offers/",
        },
        organization=organization,
    )


def test_every_email_to_a_person_lands_in_their_notifications(org_a):
    mentee = UserFactory()
    _notify(mentee, org_a.mentor, organization=org_a.organization)
    assert OutboxEmail.objects.count() == 3
    (mine,) = Notification.objects.filter(user=mentee)
    assert mine.title == "Kernel: Your offer is waiting"  # without the email's prefix
    assert "Answer it on the site." in mine.body
    assert mine.link == "https://example.org/me/offers/"
    assert mine.organization == org_a.organization and mine.read_at is None
    # An address with no account gets the email only.
    assert Notification.objects.count() == 2


def test_the_page_lists_own_notifications_counts_unread_and_marks_read():
    mentee, other = UserFactory(), UserFactory()
    _notify(mentee, subject="First")
    _notify(mentee, subject="Second")
    _notify(other, subject="Somebody else's")
    client = client_for(mentee)
    page = client.get("/me/notifications/").content.decode()
    assert "Kernel: First" in page and "Kernel: Second" in page
    assert "Somebody else" not in page
    assert 'id="nav-unread">2<' in page
    first = Notification.objects.get(user=mentee, title="Kernel: First")
    response = client.post(reverse("notifications:read", kwargs={"notification": first.public_id}))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert 'id="nav-unread">1<' in client.get("/me/notifications/").content.decode()
    client.post(reverse("notifications:read-all"))
    page = client.get("/me/notifications/").content.decode()
    assert "nav-unread" not in page and "All read." in page
    # Nobody marks another person's notification: it is a 404 like a missing one.
    theirs = Notification.objects.get(user=other)
    response = client.post(reverse("notifications:read", kwargs={"notification": theirs.public_id}))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/me/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/me/notifications/").status_code in (401, 403)


def test_the_api_lists_and_marks_own_notifications():
    from rest_framework.test import APIClient

    mentee, other = UserFactory(), UserFactory()
    _notify(mentee, subject="One")
    _notify(other, subject="Theirs")
    api = APIClient()
    api.force_authenticate(mentee)
    body = api.get("/api/v1/me/notifications/").json()
    assert body["count"] == 1 and body["unread"] == 1
    (item,) = body["results"]
    assert item["title"] == "Kernel: One" and item["unread"] is True
    marked = api.post(f"/api/v1/me/notifications/{item['id']}/read/").json()
    assert marked["unread"] is False and marked["read_at"]
    assert api.get("/api/v1/me/notifications/").json()["unread"] == 0
    theirs = Notification.objects.get(user=other)
    assert api.post(f"/api/v1/me/notifications/{theirs.public_id}/read/").status_code == 404
    assert api.post("/api/v1/me/notifications/read-all/").json() == {"marked": 0}


def test_the_page_makes_the_same_number_of_queries_for_3_or_30_notifications():
    mentee = UserFactory()
    client = client_for(mentee)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/notifications/").status_code == 200
        return len(captured)

    for n in range(3):
        _notify(mentee, subject=f"n{n}")
    few = queries()
    for n in range(27):
        _notify(mentee, subject=f"m{n}")
    assert queries() == few
