"""The decisions' sweeps, each run twice with a frozen clock: offers lapsed after their
deadline (telling the admins), decision emails at the results announcement, the offer
reminder; each sent once, and one failure never stops the others."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from applications.decisions.models import DecisionEmail, Offer, OfferState, Placement, TermSlot
from applications.decisions.selectors import decisions_to_announce
from applications.decisions.tasks import announce_decisions
from core.reminders.registry import rule_get
from core.reminders.services import reminder_send_batch
from mentorship.offers.services import offer_lapse
from mentorship.offers.tasks import lapse_offers
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import (
    accept,
    confirm_offer,
    decline,
    term_in,
)
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


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
    confirm_offer(other_offer)
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
