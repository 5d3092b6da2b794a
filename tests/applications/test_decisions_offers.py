"""Offers: hidden until the cycle's results announcement; confirmed (with a snapshot of the
agreement, legal name, instant and IP) or declined before the deadline; lapsed by the
sweep (run twice, with a frozen clock); the emails, each sent once."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.visibility import state_for_mentee
from applications.decisions.models import DecisionEmail, Offer, OfferState, Placement, TermSlot
from applications.decisions.selectors import application_full_history, decisions_to_announce
from applications.decisions.tasks import announce_decisions
from core.reminders.registry import rule_get
from core.reminders.services import reminder_send_batch
from mentorship.mentorships.models import Mentorship, MentorshipState
from mentorship.mentorships.selectors import person_mentorships
from mentorship.mentorships.services import mentorship_end
from mentorship.offers.selectors import mentee_offer_get, mentee_offers
from mentorship.offers.services import offer_confirm, offer_decline, offer_lapse
from mentorship.offers.tasks import lapse_offers
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, announced_cycle, decline, term_in
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


@pytest.fixture
def announced_term(org_a):
    program = ProgramFactory(organization=org_a.organization, name="Kernel Mentorship")
    return term_in(
        program,
        announced_cycle(),
        primary_mentor=org_a.mentor,
        capacity=1,
    )


@pytest.fixture
def offer(org_a, announced_term):
    application = ApplicationFactory(term=announced_term, applicant=UserFactory(email="m@x.test"))
    accept(application, org_a.admin)
    return (
        Offer.objects.with_scopes_disabled()
        .select_related("application")
        .get(application=application)
    )


def _confirm(offer, mentee=None, **kwargs):
    values = {"legal_name": "Mina Q. Mentee", "agreed": True, "ip": "203.0.113.9", **kwargs}
    with scope(organization=offer.application.organization):
        return offer_confirm(offer=offer, mentee=mentee or offer.application.applicant, **values)


def _decline(offer, mentee=None, **kwargs):
    with scope(organization=offer.application.organization):
        return offer_decline(offer=offer, mentee=mentee or offer.application.applicant, **kwargs)


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
        _confirm(offer)
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
        mentorship = _confirm(offer, legal_name="  Mina   Q. Mentee ")
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

    _confirm(offer)
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
        _confirm(offer, **values)
    assert field in error.value.message_dict
    offer.refresh_from_db()
    assert offer.state == OfferState.PENDING
    assert not Mentorship.objects.with_scopes_disabled().exists()


def test_only_the_applicant_answers_their_offer(offer):
    with pytest.raises(PermissionDenied):
        _confirm(offer, mentee=UserFactory())
    with pytest.raises(PermissionDenied):
        _decline(offer, mentee=UserFactory())


def test_an_offer_is_answered_once(offer):
    _confirm(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        _confirm(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        _decline(offer)
    assert Mentorship.objects.with_scopes_disabled().count() == 1


def test_a_stale_copy_cannot_confirm_twice(offer):
    stale = Offer.objects.with_scopes_disabled().get(pk=offer.pk)
    _confirm(offer)
    with pytest.raises(ValidationError, match="already confirmed"):
        _confirm(stale)
    assert Mentorship.objects.with_scopes_disabled().count() == 1


def test_no_answer_after_the_deadline(offer):
    with time_machine.travel(offer.deadline + timedelta(seconds=1), tick=False):
        with pytest.raises(ValidationError, match="lapsed"):
            _confirm(offer)
        with pytest.raises(ValidationError, match="lapsed"):
            _decline(offer)


# --- declining -----------------------------------------------------------------------------


def test_declining_the_offer_frees_the_slot_and_placement_so_admins_accept_someone_else(
    offer, org_a, announced_term
):
    waiting = ApplicationFactory(term=announced_term)
    with pytest.raises(ValidationError, match="full"):
        accept(waiting, org_a.admin)
    _decline(offer, reason="I took a job")
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


# --- lapsing -------------------------------------------------------------------------------


def test_the_lapse_sweep_frees_unanswered_offers_once_and_tells_the_admins(
    offer, org_a, announced_term, django_capture_on_commit_callbacks
):
    answered = ApplicationFactory(
        term=term_in(
            ProgramFactory(organization=org_a.organization, name="Other"),
            offer.application.cycle,
        )
    )
    accept(answered, org_a.admin)
    other_offer = Offer.objects.with_scopes_disabled().get(application=answered)
    _confirm(other_offer)
    mail.outbox.clear()
    with time_machine.travel(offer.deadline - timedelta(seconds=1), tick=False):
        assert lapse_offers() == 0  # not due yet
    with (
        time_machine.travel(offer.deadline + timedelta(minutes=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert lapse_offers() == 1
        snapshot = (
            list(Offer.objects.with_scopes_disabled().values_list("pk", "state").order_by("pk")),
            Placement.objects.count(),
            TermSlot.objects.with_scopes_disabled().count(),
            len(mail.outbox),
        )
        assert lapse_offers() == 0  # the second run changes nothing
        assert snapshot == (
            list(Offer.objects.with_scopes_disabled().values_list("pk", "state").order_by("pk")),
            Placement.objects.count(),
            TermSlot.objects.with_scopes_disabled().count(),
            len(mail.outbox),
        )
    offer.refresh_from_db()
    offer.application.refresh_from_db()
    assert offer.state == OfferState.LAPSED
    assert offer.application.state == S.WITHDRAWN
    assert not Placement.objects.filter(application=offer.application).exists()
    other_offer.refresh_from_db()
    assert other_offer.state == OfferState.CONFIRMED  # answered offers are untouched
    (email,) = mail.outbox
    assert email.to == [org_a.admin.email]
    assert "lapsed" in email.subject.lower()
    # The admins can accept someone else now.
    accept(ApplicationFactory(term=announced_term), org_a.admin)


def _due_offers(org_a, offer):
    """`offer` and a second offer of the same cycle, both still waiting."""
    other = ApplicationFactory(
        term=term_in(
            ProgramFactory(organization=org_a.organization, name="Other"),
            offer.application.cycle,
        ),
        applicant=UserFactory(email="second@x.test"),
    )
    accept(other, org_a.admin)
    return offer, Offer.objects.with_scopes_disabled().get(application=other)


def test_an_offer_that_fails_to_lapse_does_not_stop_the_others(
    offer, org_a, caplog, django_capture_on_commit_callbacks
):
    broken, fine = _due_offers(org_a, offer)
    assert broken.pk < fine.pk  # the sweep goes in pk order: the broken one comes first
    # A real failure: the offer waits but its application is withdrawn already, so the
    # application's move to withdrawn is refused (ValidationError) inside offer_lapse.
    Application.objects.with_scopes_disabled().filter(pk=broken.application_id).update(
        state=S.WITHDRAWN
    )
    with (
        time_machine.travel(fine.deadline + timedelta(minutes=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert lapse_offers() == 1
        assert lapse_offers() == 0  # the broken one fails again, the other is done
    states = dict(Offer.objects.with_scopes_disabled().values_list("pk", "state"))
    assert states == {broken.pk: OfferState.PENDING, fine.pk: OfferState.LAPSED}
    failures = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert len(failures) == 2
    assert f"offer_id={broken.pk}" in failures[0].getMessage()
    assert f"organization_id={org_a.organization.pk}" in failures[0].getMessage()


# --- emails --------------------------------------------------------------------------------


def test_decision_emails_go_out_at_the_announcement_instant_once(
    org_a, term_a, django_capture_on_commit_callbacks
):
    accepted = ApplicationFactory(term=term_a, applicant=UserFactory(email="yes@x.test"))
    declined = ApplicationFactory(term=term_a, applicant=UserFactory(email="no@x.test"))
    accept(accepted, org_a.admin)
    decline(declined, org_a.admin)
    mail.outbox.clear()
    assert announce_decisions() == 0
    assert mail.outbox == []
    with (
        time_machine.travel(term_a.cycle.results_announced_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert announce_decisions() == 2
        assert announce_decisions() == 0
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"yes@x.test", "no@x.test"}
    assert "accepted" in by_recipient["yes@x.test"].subject
    assert "/me/offers/" in by_recipient["yes@x.test"].body
    assert "Thank you for applying to Kernel Mentorship" in by_recipient["no@x.test"].body
    assert DecisionEmail.objects.with_scopes_disabled().filter(kind="decision").count() == 2


def test_a_decision_that_fails_to_send_does_not_stop_the_others(
    org_a, term_a, caplog, django_capture_on_commit_callbacks
):
    broken = ApplicationFactory(term=term_a, applicant=UserFactory(email="broken@x.test"))
    fine = ApplicationFactory(term=term_a, applicant=UserFactory(email="no@x.test"))
    accept(broken, org_a.admin)
    decline(fine, org_a.admin)
    # A real failure: an accepted application whose offer is gone (Offer.DoesNotExist).
    Offer.objects.with_scopes_disabled().filter(application=broken).delete()
    mail.outbox.clear()
    with (
        time_machine.travel(term_a.cycle.results_announced_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert announce_decisions() == 1
    assert [m.to for m in mail.outbox] == [["no@x.test"]]
    (failure,) = [r for r in caplog.records if r.levelname == "ERROR" and r.exc_info]
    assert f"application_id={broken.pk}" in failure.getMessage()


def test_a_decision_withdrawn_before_its_email_is_not_picked_up_by_every_sweep(
    org_a, term_a, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(term=term_a, applicant=UserFactory(email="gone@x.test"))
    accept(application, org_a.admin)
    offer = Offer.objects.with_scopes_disabled().get(application=application)
    # The offer lapses before the announcement (its deadline passed first), which
    # withdraws the application: the decision has no email to send any more.
    with scope(organization=org_a.organization):
        assert offer_lapse(offer=offer, now=offer.deadline + timedelta(minutes=1))
    application.refresh_from_db()
    assert application.state == S.WITHDRAWN
    mail.outbox.clear()
    after = term_a.cycle.results_announced_at + timedelta(minutes=1)
    with (
        time_machine.travel(after, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        returned = [
            application_id
            for _ in range(3)  # three sweeps
            for _, application_id in decisions_to_announce(now=timezone.now())
        ]
        assert returned.count(application.pk) <= 1
        assert announce_decisions() == 0
    assert [m.to for m in mail.outbox if "gone@x.test" in m.to] == []


def test_a_decision_taken_after_the_announcement_is_emailed_at_once(
    org_a, announced_term, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(term=announced_term, applicant=UserFactory(email="d@x.test"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decline(application, org_a.admin)
    assert [m.to for m in mail.outbox] == [["d@x.test"]]
    assert announce_decisions() == 0


def _offer_reminders(now) -> int:
    rule = rule_get("mentorship.offer_deadline")
    return reminder_send_batch(rule=rule, batch=list(rule.due(now)))


def test_the_offer_reminder_goes_two_days_before_the_deadline_once(
    offer, django_capture_on_commit_callbacks
):
    """A reminder rule (mentorship.offer_deadline), claimed once by the reminder sweep."""
    mail.outbox.clear()
    with time_machine.travel(offer.deadline - timedelta(days=3), tick=False):
        assert _offer_reminders(timezone.now()) == 0
    with (
        time_machine.travel(offer.deadline - timedelta(days=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert _offer_reminders(timezone.now()) == 1
        assert _offer_reminders(timezone.now()) == 0
    (email,) = mail.outbox
    assert email.to == ["m@x.test"]
    assert "Reminder" in email.subject


# --- mentorships ---------------------------------------------------------------------------


def test_an_admin_ends_a_mentorship_with_a_reason_once(offer, org_a):
    mentorship = _confirm(offer)
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
    mentorship = _confirm(offer)
    assert offer.application.decided_at <= mentorship.created_at <= timezone.now()
