"""Offers: hidden until the cycle's results announcement; confirmed (with a snapshot of the
agreement, legal name, instant and IP) or declined before the deadline; lapsed by the
sweep (test_offer_sweeps.py, with the emails)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import ApplicationState
from applications.apply.selectors.visibility import state_for_mentee
from applications.decisions.models import Offer, OfferState, Placement, TermSlot
from applications.decisions.selectors import application_full_history
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.mentorships.selectors import person_mentorships
from mentorship.mentorships.services import mentorship_end
from mentorship.offers.selectors import mentee_offer_get, mentee_offers
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import (
    accept,
    confirm_offer,
    decline_offer,
)

pytestmark = pytest.mark.django_db
S = ApplicationState


# --- visibility ----------------------------------------------------------------------------


def test_an_offer_is_hidden_from_the_mentee_until_the_announcement_instant(org_a, term_a):
    application = ApplicationFactory(term=term_a)
    accept(application, org_a.admin)
    mentee = application.applicant
    announced = term_a.cycle.results_announced_at
    assert state_for_mentee(application=application) == S.SUBMITTED
    assert mentee_offers(user=mentee) == []
    with pytest.raises(Http404):
        mentee_offer_get(user=mentee, public_id=application.public_id)
    offer = Offer.objects.with_scopes_disabled().get(application=application)
    with pytest.raises(ValidationError, match="not announced yet"):
        confirm_offer(offer)
    with time_machine.travel(announced + timedelta(seconds=1), tick=False):
        assert state_for_mentee(application=application) == S.ACCEPTED
        assert [o.pk for o in mentee_offers(user=mentee)] == [offer.pk]
        assert mentee_offer_get(user=mentee, public_id=application.public_id) == offer


def test_an_offer_made_after_the_announcement_is_visible_at_once(offer):
    mentee = offer.application.applicant
    assert [o.pk for o in mentee_offers(user=mentee)] == [offer.pk]


def test_nobody_else_sees_an_offer(offer, org_a):
    for user in (UserFactory(), org_a.admin):
        assert mentee_offers(user=user) == []
        with pytest.raises(Http404):
            mentee_offer_get(user=user, public_id=offer.application.public_id)


# --- confirming ----------------------------------------------------------------------------


def test_confirming_keeps_a_snapshot_and_starts_the_mentorship_with_mentors_and_dates(
    offer, org_a, announced_term, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        mentorship = confirm_offer(offer, legal_name="  Mina   Q. Mentee ")
    offer.refresh_from_db()
    assert offer.state == OfferState.CONFIRMED
    assert offer.legal_name == "Mina Q. Mentee"
    assert offer.confirmed_ip == "203.0.113.9"
    assert offer.answered_at is not None
    assert "take part in Kernel Mentorship for the whole term" in offer.agreement_text
    assert mentorship.state == MentorshipState.ACTIVE
    with scope(organization=org_a.organization):
        mentors = [(m.user, m.is_primary) for m in mentorship.mentors.all()]
        milestones = {m.kind: m.at for m in announced_term.milestones.all()}
    assert mentors == [(org_a.mentor, True)]
    assert mentorship.starts_at == milestones["term_start"]
    assert mentorship.midterm_at == milestones["midterm"]
    assert mentorship.final_at == milestones["final"]
    assert mentorship.ends_at == milestones["term_end"]
    assert mentorship.evaluation_1_at == milestones["evaluation_1"]
    # The application stays accepted: it holds its slot and placement.
    assert offer.application.state == S.ACCEPTED
    assert Placement.objects.filter(application=offer.application).exists()
    # Mentee and mentors see it at /me/.
    assert person_mentorships(user=offer.application.applicant) == [mentorship]
    assert person_mentorships(user=org_a.mentor) == [mentorship]
    assert person_mentorships(user=org_a.admin) == []
    # One confirmation email to the mentee and one to each mentor.
    assert sorted(m.to for m in mail.outbox) == sorted([["m@x.test"], [org_a.mentor.email]])
    assert all("confirmed" in m.subject for m in mail.outbox)


def test_the_agreement_snapshot_does_not_follow_later_edits(offer, org_a):
    from applications.decisions.services.accept import program_texts_update

    confirm_offer(offer)
    with scope(organization=org_a.organization):
        program_texts_update(
            program=offer.application.term.program, actor=org_a.admin, agreement_text="New"
        )
    offer.refresh_from_db()
    assert "for the whole term" in offer.agreement_text


@pytest.mark.parametrize(
    "values,field",
    [({"legal_name": "   "}, "legal_name"), ({"agreed": False}, "agreed")],
)
def test_confirming_needs_a_legal_name_and_agreement(offer, values, field):
    with pytest.raises(ValidationError) as error:
        confirm_offer(offer, **values)
    assert field in error.value.message_dict
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING
    assert not Mentorship.objects.with_scopes_disabled().exists()


def test_only_the_applicant_answers_their_offer(offer):
    with pytest.raises(PermissionDenied):
        confirm_offer(offer, mentee=UserFactory())
    with pytest.raises(PermissionDenied):
        decline_offer(offer, mentee=UserFactory())


def test_an_offer_is_answered_once(offer):
    confirm_offer(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        confirm_offer(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        decline_offer(offer)
    assert Mentorship.objects.with_scopes_disabled().count() == 1


def test_a_stale_copy_cannot_confirm_twice(offer):
    stale = Offer.objects.with_scopes_disabled().get(pk=offer.pk)
    confirm_offer(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        confirm_offer(stale)
    assert Mentorship.objects.with_scopes_disabled().count() == 1


def test_no_answer_after_the_deadline(offer):
    with time_machine.travel(offer.deadline + timedelta(seconds=1), tick=False):
        with pytest.raises(ValidationError, match="lapsed"):
            confirm_offer(offer)
        with pytest.raises(ValidationError, match="lapsed"):
            decline_offer(offer)


# --- declining -----------------------------------------------------------------------------


def test_declining_the_offer_frees_the_slot_and_placement_so_admins_accept_someone_else(
    offer, org_a, announced_term
):
    waiting = ApplicationFactory(term=announced_term)
    with pytest.raises(ValidationError, match="full"):
        accept(waiting, org_a.admin)
    decline_offer(offer, reason="I took a job")
    offer.refresh_from_db()
    application = offer.application
    application.refresh_from_db()
    assert (offer.state, offer.decline_reason) == (OfferState.DECLINED, "I took a job")
    assert application.state == S.WITHDRAWN
    assert not Placement.objects.filter(application=application).exists()
    assert not TermSlot.objects.with_scopes_disabled().filter(application=application).exists()
    accept(waiting, org_a.admin)
    with scope(organization=org_a.organization):
        history = [
            (e.object_type, e.from_state, e.to_state)
            for e in application_full_history(application=application)
        ]
    assert history == [
        ("applications.application", "submitted", "accepted"),
        ("applications.offer", "pending", "declined"),
        ("applications.application", "accepted", "withdrawn"),
    ]


# --- mentorships ---------------------------------------------------------------------------


def test_an_admin_ends_a_mentorship_with_a_reason_once(offer, org_a):
    mentorship = confirm_offer(offer)
    with scope(organization=org_a.organization):
        with pytest.raises(ValidationError):
            mentorship_end(mentorship=mentorship, actor=org_a.admin, reason=" ")
        mentorship_end(mentorship=mentorship, actor=org_a.admin, reason="No activity for weeks")
        with pytest.raises(ValidationError, match="already ended"):
            mentorship_end(mentorship=mentorship, actor=org_a.admin, reason="again")
    mentorship.refresh_from_db()
    assert (mentorship.state, mentorship.end_reason) == ("ended", "No activity for weeks")
    assert mentorship.ended_at is not None


def test_acceptance_time_is_before_confirmation_time(offer):
    mentorship = confirm_offer(offer)
    assert offer.application.decided_at <= mentorship.created_at <= timezone.now()
