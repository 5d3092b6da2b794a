"""The invitation, join and organization-request pages on the embedded default (SQLite in
`make test`'s smoke pass), with the demo data."""

import pytest
from django.core.management import call_command

from accounts.people.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.smoke, pytest.mark.django_db]


def test_invitation_pages_answer(client):
    call_command("load_demo")
    assert client.get("/organizations/").status_code == 200
    assert client.login(email="admin.aurora@example.org", password=DEMO_PASSWORD)
    page = client.get("/o/aurora/members/")
    assert page.status_code == 200 and b"new.mentor@example.org" in page.content
    assert client.get("/api/v1/orgs/aurora/invitations/").status_code == 200
    assert client.get("/api/v1/orgs/aurora/join-requests/").status_code == 200
    client.logout()
    assert client.login(email="mentee@example.org", password=DEMO_PASSWORD)
    assert client.get("/join/borealis/").status_code == 200
    assert client.get("/organizations/request/").status_code == 200
    client.logout()
    assert client.login(email="staff@example.org", password=DEMO_PASSWORD)
    assert client.get("/staff/organization-requests/").status_code == 200
