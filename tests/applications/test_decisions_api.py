"""The decisions API: decide, bulk decline, history, settings, the mentee's offers and
everyone's mentorships; Idempotency-Key replays the first answer and refuses a different
body."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from applications.apply.models import Application
from applications.decisions.models import Offer
from core.idempotency.models import IdempotencyRecord
from mentorship.mentorships.models import Mentorship
from tests.conftest import api_client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"api:{name}", kwargs=kwargs)


@pytest.fixture
def application(term_a):
    return ApplicationFactory(term=term_a, applicant=UserFactory(display_name="Ann Applicant"))


def test_admin_accepts_and_reads_the_history_through_the_api(org_a, application):
    admin = api_client_for(org_a.admin)
    url = _url("decisions-accept", org="alpha", application=application.public_id)
    response = admin.post(url)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "accepted"
    assert body["offer"]["state"] == "pending"
    assert body["applicant"]["name"] == "Ann Applicant"
    history = admin.get(
        _url("decisions-history", org="alpha", application=application.public_id)
    ).json()
    assert [(e["from_state"], e["to_state"], e["actor"]) for e in history] == [
        ("submitted", "accepted", org_a.admin.name)
    ]
    again = admin.post(url)
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["This application was already accepted."]}


def test_a_full_term_answers_400_with_the_reason(org_a, cycle):
    term = term_in(ProgramFactory(organization=org_a.organization), cycle, capacity=1)
    first, second = ApplicationFactory(term=term), ApplicationFactory(term=term)
    admin = api_client_for(org_a.admin)
    admin.post(_url("decisions-accept", org="alpha", application=first.public_id))
    response = admin.post(_url("decisions-accept", org="alpha", application=second.public_id))
    assert response.status_code == 400
    assert "full" in response.json()["non_field_errors"][0]


def test_decisions_list_filters_by_term_and_leaves_out_drafts(org_a, term_a, cycle):
    other = term_in(ProgramFactory(organization=org_a.organization, name="Other"), cycle)
    ApplicationFactory(term=term_a)
    ApplicationFactory(term=term_a, state="draft")
    ApplicationFactory(term=other)
    client = api_client_for(org_a.coordinator)
    assert client.get(_url("decisions-list", org="alpha")).json()["count"] == 2
    filtered = client.get(_url("decisions-list", org="alpha"), {"term": term_a.pk}).json()
    assert filtered["count"] == 1
    assert client.get(_url("decisions-list", org="alpha"), {"term": "x"}).status_code == 400


def test_a_stray_term_in_the_query_string_does_not_touch_a_decision(org_a, term_a, cycle):
    # ?term= narrows the list only: before, a detail action with another term's id answered
    # 404 and with a non-number 400.
    other = term_in(ProgramFactory(organization=org_a.organization, name="Other"), cycle)
    application = ApplicationFactory(term=term_a)
    admin = api_client_for(org_a.admin)
    detail = _url("decisions-detail", org="alpha", application=application.public_id)
    assert admin.get(detail, {"term": "x"}).status_code == 200
    assert admin.get(detail, {"term": other.pk}).status_code == 200
    history = _url("decisions-history", org="alpha", application=application.public_id)
    assert admin.get(history, {"term": other.pk}).status_code == 200
    decline = _url("decisions-decline", org="alpha", application=application.public_id)
    response = admin.post(f"{decline}?term={other.pk}")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "declined"
    listed = admin.get(_url("decisions-list", org="alpha"), {"term": other.pk}).json()
    assert listed["count"] == 0  # the list is still filtered


def test_bulk_decline_through_the_api(org_a, term_a):
    for _ in range(2):
        ApplicationFactory(term=term_a)
    ApplicationFactory(term=term_a, shortlisted=True)
    client = api_client_for(org_a.coordinator)
    url = _url("decisions-decline-unshortlisted", org="alpha")
    stale = client.post(url, {"term": term_a.pk, "expected_count": 5}, format="json")
    assert stale.status_code == 400
    assert "expected_count" in stale.json()
    done = client.post(url, {"term": term_a.pk, "expected_count": 2}, format="json")
    assert done.json() == {"declined": 2, "skipped": 0}


def test_bulk_decline_refuses_another_organizations_term(org_a, term_b):
    response = api_client_for(org_a.admin).post(
        _url("decisions-decline-unshortlisted", org="alpha"), {"term": term_b.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"term": ["No such term in this organization."]}


# --- idempotency ---------------------------------------------------------------------------


def test_the_same_idempotency_key_replays_the_first_answer(org_a, application):
    admin = api_client_for(org_a.admin)
    url = _url("decisions-accept", org="alpha", application=application.public_id)
    first = admin.post(url, HTTP_IDEMPOTENCY_KEY="accept-1")
    second = admin.post(url, HTTP_IDEMPOTENCY_KEY="accept-1")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert IdempotencyRecord.objects.count() == 1
    # A new key is a new request: refused, the application is already accepted.
    assert admin.post(url, HTTP_IDEMPOTENCY_KEY="accept-2").status_code == 400


def test_a_refusal_is_replayed_too(org_a, application):
    coordinator = api_client_for(org_a.coordinator)
    accept(application, org_a.admin)
    url = _url("decisions-decline", org="alpha", application=application.public_id)
    first = coordinator.post(url, HTTP_IDEMPOTENCY_KEY="k")
    second = coordinator.post(url, HTTP_IDEMPOTENCY_KEY="k")
    assert first.status_code == second.status_code == 400
    assert first.json() == second.json()


def test_the_same_key_with_a_different_body_is_refused(org_a, term_a):
    ApplicationFactory(term=term_a)
    client = api_client_for(org_a.admin)
    url = _url("decisions-decline-unshortlisted", org="alpha")
    first = client.post(
        url, {"term": term_a.pk, "expected_count": 1}, format="json", HTTP_IDEMPOTENCY_KEY="bulk"
    )
    assert first.json() == {"declined": 1, "skipped": 0}
    other = client.post(
        url, {"term": term_a.pk, "expected_count": 0}, format="json", HTTP_IDEMPOTENCY_KEY="bulk"
    )
    assert other.status_code == 422
    assert "different request" in other.json()["detail"]
    replay = client.post(
        url, {"term": term_a.pk, "expected_count": 1}, format="json", HTTP_IDEMPOTENCY_KEY="bulk"
    )
    assert replay.json() == {"declined": 1, "skipped": 0}


def test_keys_belong_to_their_user_and_endpoint(org_a, term_a):
    one, two = ApplicationFactory(term=term_a), ApplicationFactory(term=term_a)
    admin = api_client_for(org_a.admin)
    for application in (one, two):
        response = admin.post(
            _url("decisions-accept", org="alpha", application=application.public_id),
            HTTP_IDEMPOTENCY_KEY="same",
        )
        assert response.status_code == 200
        assert "Idempotent-Replayed" not in response
    with scopes_disabled():
        assert Application.objects.filter(state="accepted").count() == 2


def test_an_overlong_key_is_refused(org_a, application):
    response = api_client_for(org_a.admin).post(
        _url("decisions-accept", org="alpha", application=application.public_id),
        HTTP_IDEMPOTENCY_KEY="k" * 300,
    )
    assert response.status_code == 400


# --- /api/v1/me/ ---------------------------------------------------------------------------


@pytest.fixture
def announced_offer(org_a):
    term = term_in(
        ProgramFactory(organization=org_a.organization, name="Kernel"),
        announced_cycle(),
        primary_mentor=org_a.mentor,
    )
    application = ApplicationFactory(term=term)
    accept(application, org_a.admin)
    return Offer.objects.with_scopes_disabled().get(application=application)


def test_the_mentee_confirms_through_the_api_idempotently(org_a, announced_offer):
    application = announced_offer.application
    mentee = api_client_for(application.applicant)
    offers = mentee.get(_url("my-offers-list")).json()
    assert [o["application"] for o in offers["results"]] == [str(application.public_id)]
    assert "for the whole term" in offers["results"][0]["agreement"]
    url = _url("my-offers-confirm", application=application.public_id)
    body = {"legal_name": "Ann Q. Applicant", "agreed": True}
    first = mentee.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="c1")
    assert first.status_code == 200, first.content
    second = mentee.post(url, body, format="json", HTTP_IDEMPOTENCY_KEY="c1")
    assert second.json() == first.json()
    assert Mentorship.objects.with_scopes_disabled().count() == 1
    mentorship = first.json()
    assert mentorship["state"] == "active"
    assert [m["name"] for m in mentorship["mentors"]] == [org_a.mentor.name]
    assert mentee.get(_url("my-mentorships-list")).json()["count"] == 1
    detail = _url("my-mentorships-detail", mentorship=mentorship["id"])
    assert mentee.get(detail).status_code == 200
    assert api_client_for(org_a.mentor).get(detail).status_code == 200
    assert api_client_for(UserFactory()).get(detail).status_code == 404
    # Admins see it in the organization, with its history, and end it.
    admin = api_client_for(org_a.admin)
    org_detail = _url("mentorships-detail", org="alpha", mentorship=mentorship["id"])
    assert admin.get(org_detail).json()["mentee"]["name"] == application.applicant.name
    end = admin.post(
        _url("mentorships-end", org="alpha", mentorship=mentorship["id"]),
        {"reason": "Left the project"},
        format="json",
    )
    assert end.json()["state"] == "ended"
    history = admin.get(_url("mentorships-history", org="alpha", mentorship=mentorship["id"]))
    assert [(e["from_state"], e["to_state"]) for e in history.json()] == [
        ("", "active"),
        ("active", "ended"),
    ]


def test_the_mentee_declines_through_the_api(announced_offer):
    application = announced_offer.application
    response = api_client_for(application.applicant).post(
        _url("my-offers-decline", application=application.public_id),
        {"reason": "Another offer"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["state"] == "declined"


def test_confirming_needs_the_name_and_agreement(announced_offer):
    application = announced_offer.application
    response = api_client_for(application.applicant).post(
        _url("my-offers-confirm", application=application.public_id),
        {"legal_name": " ", "agreed": False},
        format="json",
    )
    assert response.status_code == 400


def test_offers_are_hidden_from_the_mentee_until_the_announcement(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    accept(application, org_a.admin)
    mentee = api_client_for(application.applicant)
    detail = _url("my-offers-detail", application=application.public_id)
    assert mentee.get(_url("my-offers-list")).json()["count"] == 0
    assert mentee.get(detail).status_code == 404
    with time_machine.travel(term_a.cycle.results_announced_at + timedelta(seconds=1)):
        assert mentee.get(_url("my-offers-list")).json()["count"] == 1
        assert mentee.get(detail).json()["state"] == "pending"


def test_nobody_else_reaches_an_offer(org_a, announced_offer):
    application_id = announced_offer.application.public_id
    for user in (org_a.admin, UserFactory()):
        client = api_client_for(user)
        assert client.get(_url("my-offers-detail", application=application_id)).status_code == 404
        response = client.post(
            _url("my-offers-confirm", application=application_id),
            {"legal_name": "X", "agreed": True},
            format="json",
        )
        assert response.status_code == 404
    assert api_client_for(None).get(_url("my-offers-list")).status_code == 401


def test_settings_and_texts_through_the_api(org_a, term_a):
    admin = api_client_for(org_a.admin)
    url = _url("organization-policy", org="alpha")
    assert admin.get(url).json()["mentors_may_decide"] is False
    assert admin.patch(url, {"mentors_may_decide": True}, format="json").json() == {
        "mentors_may_shortlist": False,
        "mentors_may_decide": True,
    }
    texts = _url("program-decision-texts", org="alpha", program=term_a.program.slug)
    assert (
        "Thank you for applying to Kernel Mentorship"
        not in admin.get(texts).json()["decline_feedback"]
    )  # the template, with its {program} placeholder
    response = admin.patch(texts, {"decline_feedback": "Sorry from {program}."}, format="json")
    assert response.json()["decline_feedback"] == "Sorry from {program}."
    assert admin.patch(texts, {"agreement_text": ""}, format="json").status_code == 400
