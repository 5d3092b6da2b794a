"""The term's mentorship list (page, API and CSV export) runs the same number of queries
for 10 mentorships as for 1,000: the standing is one SQL expression and the mentors are
prefetched."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from accounts.people.models import User
from applications.apply.models import Application
from mentorship.evaluations.services.checkpoints import evaluations_create
from mentorship.mentorships.models import Mentorship, MentorshipMentor
from tests.conftest import api_client_for, client_for
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db


def _copies(template: Mentorship, count: int, offset: int) -> None:
    """`count` more mentorships of the template's term, each with its own mentee,
    application, mentor row and checkpoints (bulk-written: the real path is tested
    elsewhere; here only the list's reads matter)."""
    users = User.objects.bulk_create(
        User(email=f"bulk{offset + i}@example.test", display_name=f"Bulk mentee {offset + i}")
        for i in range(count)
    )
    application = template.application
    applications = Application.objects.bulk_create(
        Application(
            organization_id=application.organization_id,
            term_id=application.term_id,
            cycle_id=application.cycle_id,
            applicant=user,
            state="accepted",
            public_id=uuid.uuid4(),
        )
        for user in users
    )
    fields = {
        f: getattr(template, f)
        for f in ("starts_at", "evaluation_1_at", "midterm_at", "evaluation_3_at", "final_at")
    }
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            organization_id=template.organization_id,
            application=app,
            term_id=template.term_id,
            mentee_id=app.applicant_id,
            ends_at=template.ends_at,
            extension_weeks=i % 3,
            state=["active", "active", "graduated", "failed"][i % 4],
            public_id=uuid.uuid4(),
            **fields,
        )
        for i, app in enumerate(applications)
    )
    mentor = template.mentors.get()
    MentorshipMentor.objects.bulk_create(
        MentorshipMentor(
            organization_id=template.organization_id, mentorship=m, user_id=mentor.user_id
        )
        for m in mentorships
    )
    for m in mentorships[:50]:  # a few with their checkpoints (some overdue)
        evaluations_create(mentorship=Mentorship.objects.select_related("term").get(pk=m.pk))


def _queries(client, url) -> int:
    first = client.get(url)
    # Unfiltered, the list shows every mentorship of the term (not an empty page).
    body = b"".join(first.streaming_content) if first.streaming else first.content
    assert b"Bulk mentee" in body
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:  # the CSV: its rows are read as it is sent
            b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "mentorship:org-term-mentorships",
        "mentorship:org-term-mentorships-export",
        "api:mentorships-list",
    ],
)
def test_the_terms_mentorship_list_runs_the_same_queries_at_10_and_1000(org_a, name):
    template = confirmed_mentorship(org_a)
    organization = org_a.organization
    if name.startswith("api:"):
        url = reverse(name, kwargs={"org": organization.slug}) + f"?term={template.term_id}"
        client = api_client_for(org_a.admin)
    else:
        url = reverse(name, kwargs={"org": organization.slug, "term": template.term_id})
        client = client_for(org_a.admin)
    with scope(organization=organization):
        _copies(template, 9, 0)
    ten = _queries(client, url)
    with scope(organization=organization):
        _copies(template, 990, 9)
        assert Mentorship.objects.filter(term_id=template.term_id).count() == 1000
    assert _queries(client, url) == ten


def test_the_list_filters_by_standing_and_exports_what_it_shows(org_a):
    template = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        _copies(template, 12, 0)
    organization = org_a.organization
    url = reverse(
        "mentorship:org-term-mentorships",
        kwargs={"org": organization.slug, "term": template.term_id},
    )
    client = client_for(org_a.admin)
    page = client.get(url, {"standing": "graduated"}).content.decode()
    assert page.count("Graduated</td>") == 3
    export = client.get(
        reverse(
            "mentorship:org-term-mentorships-export",
            kwargs={"org": organization.slug, "term": template.term_id},
        ),
        {"standing": "extended"},
    )
    rows = b"".join(export.streaming_content).decode().strip().splitlines()
    assert rows[0].startswith("mentorship,mentee,email")
    assert len(rows) > 1 and all(",extended," in line for line in rows[1:])
    api = api_client_for(org_a.admin).get(
        reverse("api:mentorships-list", kwargs={"org": organization.slug}),
        {"term": template.term_id, "standing": "failed"},
    )
    assert {m["standing"] for m in api.json()["results"]} == {"failed"}
    bad = api_client_for(org_a.admin).get(
        reverse("api:mentorships-list", kwargs={"org": organization.slug}), {"standing": "x"}
    )
    assert bad.status_code == 400


def test_the_export_neutralizes_formulas_in_names(org_a):
    template = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        User.objects.filter(pk=template.mentee_id).update(display_name='=HYPERLINK("x")')
    export = client_for(org_a.admin).get(
        reverse(
            "mentorship:org-term-mentorships-export",
            kwargs={"org": org_a.organization.slug, "term": template.term_id},
        )
    )
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK" in body
