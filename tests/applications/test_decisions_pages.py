"""The decisions area's pages: the decision page and its controls per role, a term's
decisions with the bulk decline (one confirmation, a count), the settings and texts, the
organization's mentorships, and the mentee's offer and mentorships at /me/. Lists keep a
constant number of queries."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from applications.apply.models import Application
from applications.decisions.models import Offer
from mentorship.mentorships.models import Mentorship
from tests.conftest import client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


def _decision_url(application):
    return reverse(
        "applications:decision",
        kwargs={"org": application.organization.slug, "application": application.public_id},
    )


def test_the_decision_page_shows_buttons_per_role(org_a, term_a):
    application = ApplicationFactory(term=term_a, applicant=UserFactory(display_name="Ann"))
    page = client_for(org_a.admin).get(_decision_url(application)).content.decode()
    assert "Accept Ann" in page and "Decline Ann" in page and "History" in page
    page = client_for(org_a.coordinator).get(_decision_url(application)).content.decode()
    assert "Accept Ann" not in page and "Decline Ann" in page and "History" not in page
    page = client_for(org_a.mentor).get(_decision_url(application)).content.decode()
    assert "Accept Ann" not in page and "Decline Ann" not in page


def test_admin_accepts_from_the_page_and_sees_the_offer_and_history(org_a, term_a):
    application = ApplicationFactory(term=term_a, applicant=UserFactory(display_name="Ann"))
    client = client_for(org_a.admin)
    response = client.post(
        reverse(
            "applications:decision-accept",
            kwargs={"org": "alpha", "application": application.public_id},
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Ann is accepted" in page
    assert "Waiting for the mentee&#x27;s answer" in page
    assert "<td>Submitted</td><td>Accepted</td>" in page  # the history row, in words


def test_refusals_are_shown_as_messages(org_a, cycle):
    term = term_in(ProgramFactory(organization=org_a.organization), cycle, capacity=1)
    first, second = ApplicationFactory(term=term), ApplicationFactory(term=term)
    accept(first, org_a.admin)
    response = client_for(org_a.admin).post(
        reverse(
            "applications:decision-accept", kwargs={"org": "alpha", "application": second.public_id}
        ),
        follow=True,
    )
    assert "This term is full" in response.content.decode()


def test_htmx_decisions_answer_with_the_controls_partial(org_a, term_a):
    application = ApplicationFactory(term=term_a, applicant=UserFactory(display_name="Ann"))
    response = client_for(org_a.coordinator).post(
        reverse(
            "applications:decision-decline",
            kwargs={"org": "alpha", "application": application.public_id},
        ),
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "Ann is declined" in page and "Declined" in page


def test_bulk_decline_asks_once_with_the_count_then_declines(org_a, term_a):
    for _ in range(3):
        ApplicationFactory(term=term_a)
    ApplicationFactory(term=term_a, shortlisted=True)
    client = client_for(org_a.admin)
    url = reverse(
        "applications:term-decline-unshortlisted", kwargs={"org": "alpha", "term": term_a.pk}
    )
    decisions = reverse("applications:term-decisions", kwargs={"org": "alpha", "term": term_a.pk})
    assert "Decline the 3 applicants not shortlisted" in client.get(decisions).content.decode()
    assert "This declines <strong>3 applicants</strong>" in client.get(url).content.decode()
    ApplicationFactory(term=term_a)  # someone applies meanwhile
    stale = client.post(url, {"expected_count": 3}, follow=True).content.decode()
    assert "The list changed: 4 applicants" in stale
    done = client.post(url, {"expected_count": 4}, follow=True).content.decode()
    assert "Declined 4 applicants not shortlisted." in done
    with scopes_disabled():
        assert Application.objects.filter(state="declined").count() == 4


def test_term_decisions_page_queries_do_not_grow_with_applicants(
    org_a, term_a, django_assert_max_num_queries
):
    client = client_for(org_a.admin)
    url = reverse("applications:term-decisions", kwargs={"org": "alpha", "term": term_a.pk})
    ApplicationFactory(term=term_a)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for _ in range(15):
        ApplicationFactory(term=term_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_settings_and_texts_pages(org_a, term_a):
    client = client_for(org_a.admin)
    listing = reverse("applications:decision-texts", kwargs={"org": "alpha"})
    assert term_a.program.name in client.get(listing).content.decode()
    texts = reverse(
        "applications:program-decision-texts",
        kwargs={"org": "alpha", "program": term_a.program.slug},
    )
    assert "Thank you for applying to {program}" in client.get(texts).content.decode()
    response = client.post(texts, {"decline_feedback": "Sorry!", "agreement_text": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    client.post(texts, {"decline_feedback": "Sorry from {program}!", "agreement_text": "I agree."})
    application = ApplicationFactory(term=term_a)
    client.post(
        reverse(
            "applications:decision-decline",
            kwargs={"org": "alpha", "application": application.public_id},
        )
    )
    with scopes_disabled():
        assert application.decision.feedback == "Sorry from Kernel Mentorship!"


# --- /me/ ----------------------------------------------------------------------------------


@pytest.fixture
def offer(org_a):
    term = term_in(
        ProgramFactory(organization=org_a.organization, name="Kernel"),
        announced_cycle(),
        primary_mentor=org_a.mentor,
    )
    application = ApplicationFactory(term=term, applicant=UserFactory(display_name="Mina"))
    accept(application, org_a.admin)
    return (
        Offer.objects.with_scopes_disabled()
        .select_related("application")
        .get(application=application)
    )


def _offer_url(offer):
    return reverse("mentorship:me-offer", kwargs={"application": offer.application.public_id})


def test_the_mentee_confirms_on_the_offer_page_and_everyone_sees_the_mentorship(offer, org_a):
    mentee = client_for(offer.application.applicant)
    listing = mentee.get(reverse("mentorship:me-mentorships")).content.decode()
    assert "Offers waiting for your answer" in listing and "Kernel" in listing
    page = mentee.get(_offer_url(offer)).content.decode()
    assert "for the whole term" in page
    refused = mentee.post(_offer_url(offer), {"legal_name": "Mina Q."})
    assert refused.status_code == 200  # the agreement box is required
    response = mentee.post(
        _offer_url(offer), {"legal_name": "Mina Q.", "agreed": "on"}, REMOTE_ADDR="192.0.2.7"
    )
    with scopes_disabled():
        mentorship = Mentorship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "mentorship:me-mentorship", kwargs={"mentorship": mentorship.public_id}
    )
    offer.refresh_from_db()
    assert (offer.legal_name, offer.confirmed_ip) == ("Mina Q.", "192.0.2.7")
    assert "you are the mentee" in mentee.get(reverse("mentorship:me-mentorships")).content.decode()
    mentor_view = client_for(org_a.mentor).get(reverse("mentorship:me-mentorships"))
    assert "mentee Mina" in mentor_view.content.decode()
    org_view = client_for(org_a.coordinator).get(
        reverse("mentorship:org-mentorships", kwargs={"org": "alpha"})
    )
    assert "Mina" in org_view.content.decode()
    assert (
        client_for(UserFactory())
        .get(reverse("mentorship:me-mentorship", kwargs={"mentorship": mentorship.public_id}))
        .status_code
        == 404
    )


def test_the_mentee_declines_on_the_offer_page(offer):
    mentee = client_for(offer.application.applicant)
    response = mentee.post(
        reverse("mentorship:me-offer-decline", kwargs={"application": offer.application.public_id}),
        {"reason": "Another offer"},
        follow=True,
    )
    assert "You declined the offer" in response.content.decode()
    offer.refresh_from_db()
    assert offer.state == "declined"


def test_an_offer_page_before_the_announcement_is_a_404(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    accept(application, org_a.admin)
    url = reverse("mentorship:me-offer", kwargs={"application": application.public_id})
    assert client_for(application.applicant).get(url).status_code == 404
    with time_machine.travel(term_a.cycle.results_announced_at + timedelta(seconds=1)):
        # Signed in again: two months later, the first session has expired.
        assert client_for(application.applicant).get(url).status_code == 200


def test_someone_elses_offer_page_is_a_404(offer, org_a):
    for user in (org_a.admin, UserFactory()):
        assert client_for(user).get(_offer_url(offer)).status_code == 404
    assert client_for(None).get(_offer_url(offer)).status_code == 302


def test_admin_ends_a_mentorship_on_its_page(offer, org_a):
    from tests.factories.decisions import confirm_offer

    mentorship = confirm_offer(offer)
    url = reverse(
        "mentorship:org-mentorship", kwargs={"org": "alpha", "mentorship": mentorship.public_id}
    )
    client = client_for(org_a.admin)
    assert "End the mentorship" in client.get(url).content.decode()
    page = client.post(url, {"reason": "Stopped responding"}, follow=True).content.decode()
    assert "The mentorship is ended" in page and "Stopped responding" in page
    assert "End the mentorship" not in page


def test_organization_mentorships_queries_do_not_grow(org_a, offer, django_assert_max_num_queries):
    from tests.factories.decisions import confirm_offer

    confirm_offer(offer)
    client = client_for(org_a.admin)
    url = reverse("mentorship:org-mentorships", kwargs={"org": "alpha"})
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for _ in range(6):
        application = ApplicationFactory(
            term=term_in(
                ProgramFactory(organization=org_a.organization), offer.application.cycle, capacity=1
            )
        )
        accept(application, org_a.admin)
        confirm_offer(Offer.objects.with_scopes_disabled().get(application=application))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_deciding_mentor_sees_the_terms_decisions_in_constant_queries(
    org_a, term_a, django_assert_max_num_queries
):
    from django_scopes import scope

    from accounts.organizations.services import organization_policy_update
    from programs.terms.services.mentors import term_mentor_add

    with scope(organization=org_a.organization):
        organization_policy_update(
            organization=org_a.organization, actor=org_a.admin, mentors_may_decide=True
        )
        term_mentor_add(term=term_a, actor=org_a.admin, user=org_a.mentor)
    client = client_for(org_a.mentor)
    url = reverse("applications:term-decisions", kwargs={"org": "alpha", "term": term_a.pk})
    ApplicationFactory(term=term_a, applicant=UserFactory(display_name="Ann"))
    assert "Decline Ann" in client.get(url).content.decode()
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for _ in range(10):
        ApplicationFactory(term=term_a)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
