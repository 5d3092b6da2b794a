"""The mentee's pages and API: the same rules through both, errors as form errors or field
messages, no 500 and nothing half-written on bad input, another mentee's application a 404,
and a list whose query count does not grow with the applications."""

import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import (
    add_prerequisite,
    answer,
    complete_mentee,
    fill,
    fresh,
    start,
    submit,
)
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.profiles import pdf_upload, zip_bytes
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db
S = ApplicationState


def page(name, application=None, **kwargs):
    if application is not None:
        kwargs["application"] = application.public_id
    return reverse(f"applications:{name}", kwargs=kwargs or None)


def api(name, application=None, **kwargs):
    if application is not None:
        kwargs["application"] = application.public_id
    return reverse(f"api:{name}", kwargs=kwargs or None)


# --- pages ---------------------------------------------------------------------------------------


def test_program_page_offers_apply_and_the_apply_page_names_refusals(term_a):
    program = term_a.program
    url = reverse(
        "programs:public-program",
        kwargs={"org": program.organization.slug, "program": program.slug},
    )
    body = client_for(None).get(url).content.decode()
    apply_url = page("my-application-start", term=term_a.pk)
    assert apply_url in body
    # Anonymous visitors sign in first.
    assert client_for(None).get(apply_url).status_code == 302
    newcomer = UserFactory(email="newcomer@mentee.test")
    body = client_for(newcomer).get(apply_url).content.decode()
    assert "Your profile is incomplete" in body and reverse("accounts:profile") in body
    assert "Start my application" not in body
    response = client_for(newcomer).post(apply_url)
    assert response.status_code == 200 and "Your profile is incomplete" in response.content.decode()
    assert not Application.objects.with_scopes_disabled().filter(applicant=newcomer).exists()


def test_apply_draft_and_submit_through_the_pages(
    mentee, term_a, django_capture_on_commit_callbacks
):
    challenge = add_prerequisite(term_a, kind="coding_challenge")
    resume = add_prerequisite(term_a, kind="proof_of_enrollment")
    client = client_for(mentee)
    response = client.post(page("my-application-start", term=term_a.pk))
    application = Application.objects.with_scopes_disabled().get(applicant=mentee)
    assert response["Location"] == page("my-application", application)
    body = client.get(response["Location"]).content.decode()
    assert "Draft — not submitted yet" in body and "Coding challenge" in body

    # Plain posts, without JavaScript: each answer on its own.
    response = client.post(
        page("my-application-cover-letter", application), {"cover_letter": "Dear mentors"}
    )
    assert response.status_code == 302
    response = client.post(
        page("my-application-answer", application, prerequisite=challenge.pk),
        {f"p{challenge.pk}-url": "not a url"},
    )
    assert response.status_code == 200 and "full web address" in response.content.decode()
    client.post(
        page("my-application-answer", application, prerequisite=challenge.pk),
        {f"p{challenge.pk}-url": "https://example.org/solution"},
    )
    # Submitting with a missing prerequisite says what is missing.
    response = client.post(page("my-application-submit", application), follow=True)
    assert "Proof of enrollment" in response.content.decode()
    assert fresh(application).state == S.DRAFT
    # HTMX saves answer the status only.
    response = client.post(
        page("my-application-answer", application, prerequisite=resume.pk),
        {f"p{resume.pk}-file": pdf_upload("enrolled.pdf")},
        headers={"HX-Request": "true"},
    )
    assert "Saved at" in response.content.decode() and "enrolled.pdf" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page("my-application-submit", application), follow=True)
    body = response.content.decode()
    assert 'data-state="submitted"' in body and "Results are announced" in body
    assert len(mail.outbox) == 1
    # A double click: the second post finds it submitted and says so.
    response = client.post(page("my-application-submit", application), follow=True)
    assert "Your application is submitted" in response.content.decode()


def test_htmx_cover_letter_save_reports_errors_in_place(mentee, term_a):
    application = start(mentee, term_a)
    response = client_for(mentee).post(
        page("my-application-cover-letter", application),
        {"cover_letter": "x" * 6000},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Not saved" in response.content.decode()
    assert fresh(application).cover_letter == ""


def test_prerequisite_files_are_downloaded_by_their_owner_only(mentee, other_mentee, term_a):
    prerequisite = add_prerequisite(term_a, kind="proof_of_enrollment")
    application = start(mentee, term_a)
    answer(application, prerequisite, upload=pdf_upload("mine.pdf"))
    url = page("my-application-answer-file", application, prerequisite=prerequisite.pk)
    response = client_for(mentee).get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert client_for(other_mentee).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    api_url = api("my-application-answer-file", application, prerequisite=prerequisite.pk)
    assert api_client_for(mentee).get(api_url).status_code == 200
    assert api_client_for(other_mentee).get(api_url).status_code == 404


def test_withdraw_asks_for_confirmation_then_frees_the_term(mentee, term_a):
    application = submit(fill(start(mentee, term_a)))
    client = client_for(mentee)
    body = client.get(page("my-application-withdraw", application)).content.decode()
    assert "Yes, withdraw this application" in body
    assert fresh(application).state == S.SUBMITTED
    response = client.post(page("my-application-withdraw", application), {"reason": "Got a job"})
    assert response["Location"] == page("my-applications")
    assert fresh(application).state == S.WITHDRAWN
    response = client.post(page("my-application-start", term=term_a.pk))
    assert response.status_code == 302  # a new application to the same term


def test_my_applications_shows_states_deadlines_in_my_zone_and_reorders(mentee, term_a, term_b):
    mentee.timezone = "Asia/Kolkata"
    mentee.save()
    first = submit(fill(start(mentee, term_a)))
    second = submit(fill(start(mentee, term_b)))
    client = client_for(mentee)
    body = client.get(page("my-applications")).content.decode()
    assert "Asia/Kolkata" in body and "Submitted" in body and "Results are announced" in body
    assert body.index(str(first.public_id)) < body.index(str(second.public_id))
    client.post(page("my-application-rank", second), {"direction": "up"})
    body = client.get(page("my-applications")).content.decode()
    assert body.index(str(second.public_id)) < body.index(str(first.public_id))
    response = client.post(page("my-application-rank", second), {"direction": "sideways"})
    assert response.status_code == 302


def test_my_applications_query_count_is_flat(mentee, org_a, org_b, django_assert_max_num_queries):
    def build(n, user):
        cycle = CycleFactory(max_active_applications=50)
        for i in range(n):
            org = (org_a, org_b)[i % 2]
            term = make_term(ProgramFactory(organization=org.organization), cycle)
            add_prerequisite(term, kind="coding_challenge")
            application = start(user, term)
            if i % 3:
                submit(fill(application))

    few = complete_mentee("few@mentee.test")
    many = complete_mentee("many@mentee.test")
    build(2, few)
    build(20, many)
    clients = {user: client_for(user) for user in (few, many)}
    for client in clients.values():
        client.get(page("my-applications"))  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert clients[few].get(page("my-applications")).status_code == 200
    with django_assert_max_num_queries(len(small)):
        response = clients[many].get(page("my-applications"))
    assert response.content.decode().count("data-application=") == 20


# --- isolation: a mentee never reaches another mentee's application -----------------------------


PAGE_ROUTES = [
    ("get", "my-application", {}),
    ("post", "my-application-cover-letter", {"cover_letter": "x"}),
    ("post", "my-application-submit", {}),
    ("get", "my-application-withdraw", {}),
    ("post", "my-application-withdraw", {}),
    ("post", "my-application-rank", {"direction": "up"}),
]


@pytest.mark.parametrize("method,name,data", PAGE_ROUTES)
def test_another_mentees_application_is_a_404_page(
    mentee, other_mentee, term_a, method, name, data
):
    application = submit(fill(start(mentee, term_a)))
    before = (fresh(application).state, fresh(application).cover_letter)
    response = getattr(client_for(other_mentee), method)(page(name, application), data)
    assert response.status_code == 404
    missing = getattr(client_for(other_mentee), method)(
        reverse(f"applications:{name}", kwargs={"application": uuid.uuid4()}), data
    )
    assert missing.status_code == 404
    assert (fresh(application).state, fresh(application).cover_letter) == before


def test_another_mentees_answer_route_is_a_404(mentee, other_mentee, term_a):
    prerequisite = add_prerequisite(term_a, kind="coding_challenge")
    application = start(mentee, term_a)
    url = page("my-application-answer", application, prerequisite=prerequisite.pk)
    data = {f"p{prerequisite.pk}-url": "https://evil.example"}
    assert client_for(other_mentee).post(url, data).status_code == 404
    api_url = api("my-application-answer", application, prerequisite=prerequisite.pk)
    response = api_client_for(other_mentee).put(api_url, {"url": "https://e.x"}, format="json")
    assert response.status_code == 404
    with scope(organization=term_a.organization):
        assert not application.answers.exists()


API_ROUTES = [
    ("get", "my-application", None),
    ("patch", "my-application", {"cover_letter": "x"}),
    ("post", "my-application-submit", None),
    ("post", "my-application-withdraw", {}),
]


@pytest.mark.parametrize("method,name,data", API_ROUTES)
def test_another_mentees_application_is_a_404_in_the_api(
    mentee, other_mentee, term_a, method, name, data
):
    application = start(mentee, term_a)
    response = getattr(api_client_for(other_mentee), method)(
        api(name, application), data, format="json"
    )
    assert response.status_code == 404
    assert fresh(application).state == S.DRAFT
    assert getattr(api_client_for(None), method)(api(name, application)).status_code == 401


def test_lists_hold_only_my_applications(mentee, other_mentee, term_a, term_b):
    start(mentee, term_a)
    theirs = start(other_mentee, term_b)
    body = client_for(mentee).get(page("my-applications")).content.decode()
    assert str(theirs.public_id) not in body and "Beta Cloud" not in body
    rows = api_client_for(mentee).get(api("my-applications")).json()
    assert [row["program_name"] for row in rows] == ["Kernel Mentorship"]


def test_ranking_another_mentees_applications_is_refused(mentee, other_mentee, term_a, cycle):
    theirs = submit(fill(start(other_mentee, term_a)))
    response = api_client_for(mentee).put(
        api("my-application-ranking"),
        {"cycle": cycle.pk, "order": [str(theirs.public_id)]},
        format="json",
    )
    assert response.status_code == 400 and "order" in response.json()


# --- the API -----------------------------------------------------------------------------------


def test_the_whole_flow_through_the_api(mentee, term_a, term_b, cycle):
    challenge = add_prerequisite(term_a, kind="coding_challenge")
    enrollment = add_prerequisite(term_a, kind="proof_of_enrollment")
    client = api_client_for(mentee)
    response = client.post(api("my-applications"), {"term": term_a.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "draft" and len(body["prerequisites"]) == 2
    application = Application.objects.with_scopes_disabled().get(public_id=body["public_id"])

    response = client.patch(
        api("my-application", application), {"cover_letter": "Hi"}, format="json"
    )
    assert response.json()["cover_letter"] == "Hi"
    response = client.put(
        api("my-application-answer", application, prerequisite=challenge.pk),
        {"url": "ftp://nope"},
        format="json",
    )
    assert response.status_code == 400 and "url" in response.json()
    client.put(
        api("my-application-answer", application, prerequisite=challenge.pk),
        {"url": "https://example.org/s"},
        format="json",
    )
    response = client.post(api("my-application-submit", application))
    assert response.status_code == 400 and "prerequisites" in response.json()
    response = client.put(
        api("my-application-answer-file", application, prerequisite=enrollment.pk),
        {"file": pdf_upload("e.pdf")},
        format="multipart",
    )
    assert response.status_code == 200
    done = {p["id"]: p["done"] for p in response.json()["prerequisites"]}
    assert done == {challenge.pk: True, enrollment.pk: True}
    response = client.post(api("my-application-submit", application))
    assert response.status_code == 200 and response.json()["state"] == "submitted"
    assert response.json()["mentee_rank"] == 1
    response = client.post(api("my-application-submit", application))
    assert response.status_code == 400 and "already submitted" in str(response.json())

    other = client.post(api("my-applications"), {"term": term_b.pk}, format="json").json()
    other_app = Application.objects.with_scopes_disabled().get(public_id=other["public_id"])
    client.patch(api("my-application", other_app), {"cover_letter": "Hello"}, format="json")
    assert client.post(api("my-application-submit", other_app)).status_code == 200
    response = client.put(
        api("my-application-ranking"),
        {"cycle": cycle.pk, "order": [other["public_id"], str(application.public_id)]},
        format="json",
    )
    assert response.status_code == 200
    assert [row["public_id"] for row in response.json()] == [
        other["public_id"],
        str(application.public_id),
    ]
    response = client.post(api("my-application-withdraw", application), {}, format="json")
    assert response.json()["state"] == "withdrawn"
    again = client.post(api("my-applications"), {"term": term_a.pk}, format="json")
    assert again.status_code == 201 and again.json()["public_id"] != str(application.public_id)


@pytest.mark.parametrize(
    "data",
    [{}, {"term": "abc"}, {"term": 10**12}, {"term": -1}, {"term": None}, {"term": [1]}],
)
def test_start_with_garbage_is_a_field_message(mentee, data):
    response = api_client_for(mentee).post(api("my-applications"), data, format="json")
    assert response.status_code == 400 and "term" in response.json()


def test_start_refusals_name_each_reason_under_term(term_a):
    newcomer = UserFactory(email="nobody@mentee.test")
    response = api_client_for(newcomer).post(
        api("my-applications"), {"term": term_a.pk}, format="json"
    )
    assert response.status_code == 400
    assert any("profile is incomplete" in m for m in response.json()["term"])
    unpublished = make_term(
        ProgramFactory(organization=term_a.organization, status="draft"), term_a.cycle
    )
    response = api_client_for(newcomer).post(
        api("my-applications"), {"term": unpublished.pk}, format="json"
    )
    assert response.json() == {"term": ["No such term."]}


def test_bad_files_and_answer_types_through_the_api(mentee, term_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    enrollment = add_prerequisite(term_a, kind="proof_of_enrollment")
    challenge = add_prerequisite(term_a, kind="coding_challenge")
    application = start(mentee, term_a)
    client = api_client_for(mentee)
    fake = SimpleUploadedFile("x.pdf", zip_bytes(), "application/pdf")
    response = client.put(
        api("my-application-answer-file", application, prerequisite=enrollment.pk),
        {"file": fake},
        format="multipart",
    )
    assert response.status_code == 400 and "file" in response.json()
    response = client.put(
        api("my-application-answer", application, prerequisite=enrollment.pk),
        {"text": "a file, honest"},
        format="json",
    )
    assert response.status_code == 400 and "answered with a PDF" in str(response.json())
    response = client.put(
        api("my-application-answer", application, prerequisite=10**15), {"url": ""}, format="json"
    )
    assert response.status_code == 400 and "prerequisite" in response.json()
    response = client.put(
        api("my-application-answer-file", application, prerequisite=challenge.pk),
        {"file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 400 and "answered with a link" in str(response.json())
    with scope(organization=term_a.organization):
        assert not application.answers.filter(completed_at__isnull=False).exists()
