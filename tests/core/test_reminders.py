"""Timeline reminders (core.reminders, rules in each app's reminders.py): each rule's timing
and audience, in the recipient's time zone; a moved milestone; exactly once with two sweeps
at the same moment and with a sweep that dies mid-batch."""

import threading
import zoneinfo
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from core.dates import format_instant
from core.outbox.models import OutboxEmail
from core.reminders import services as reminder_services
from core.reminders.models import ReminderClaim
from core.reminders.registry import rules
from core.reminders.services import reminder_sweep
from mentorship.assignments.services import task_create
from mentorship.evaluations.services.verdicts import evaluation_verdict
from programs.terms.models import Milestone
from programs.terms.services.terms import milestone_move
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import term_in
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def _mail(address):
    return list(OutboxEmail.objects.filter(to=address).order_by("pk"))


def _open_term(tenant):
    program = ProgramFactory(organization=tenant.organization)
    return make_term(program, CycleFactory())


def test_every_rule_is_registered_with_its_trigger_audience_and_template():
    by_name = {rule.name: rule for rule in rules()}
    assert {
        "applications.close_in_3_days",
        "applications.close_tomorrow",
        "applications.selection_in_3_days",
        "applications.selection_tomorrow",
        "mentorship.task_due_tomorrow",
        "mentorship.evaluation_due_in_a_week",
        "mentorship.evaluation_due_today",
        "mentorship.evaluation_overdue",
        "mentorship.evaluation_overdue_admins",
        "mentorship.offer_deadline",
        "mentorship.final_feedback_due",
        "applications.prerequisites_missing",
        "applications.results_tomorrow",
        "programs.applications_open",
    } <= set(by_name)
    for rule in by_name.values():
        assert rule.trigger and rule.audience and rule.template


def test_drafts_hear_3_days_and_a_day_before_applications_close_in_their_zone(org_a, org_b):
    term = _open_term(org_a)
    close = term.applications_close_at
    tokyo = UserFactory(timezone="Asia/Tokyo")
    ApplicationFactory(term=term, state="draft", applicant=tokyo)
    submitted = ApplicationFactory(term=term, state="submitted")
    other_draft = ApplicationFactory(term=_open_term(org_b), state="draft")
    OutboxEmail.objects.all().delete()

    with time_machine.travel(close - timedelta(days=5), tick=False):
        assert reminder_sweep(now=timezone.now()) == 0
    with time_machine.travel(close - timedelta(days=3) + timedelta(hours=1), tick=False):
        assert reminder_sweep(now=timezone.now()) == 2  # both tenants' drafts
        assert reminder_sweep(now=timezone.now()) == 0
    (first,) = _mail(tokyo.email)
    assert "applications close in 3 days" in first.subject
    with timezone.override(TOKYO):
        local_close = format_instant(close)
    assert local_close.endswith("Asia/Tokyo") and local_close in first.text_body
    assert first.organization_id == org_a.organization.pk

    with time_machine.travel(close - timedelta(hours=12), tick=False):
        assert reminder_sweep(now=timezone.now()) == 2
        assert reminder_sweep(now=timezone.now()) == 0
    second = _mail(tokyo.email)[1]
    # 18:00 UTC is 03:00 the next day in Tokyo: the subject names the recipient's day.
    local = timezone.localtime(close, TOKYO)
    assert f"{local.day} {local:%b %Y}, {local:%H:%M} Asia/Tokyo" in second.subject
    assert _mail(submitted.applicant.email) == []
    # Each reminder went to its own applicant only.
    assert len(_mail(other_draft.applicant.email)) == 2
    assert OutboxEmail.objects.count() == 4


def test_a_closing_date_moved_after_the_reminder_is_reminded_for_its_new_date(org_a):
    term = _open_term(org_a)
    close = term.applications_close_at
    draft = ApplicationFactory(term=term, state="draft")
    OutboxEmail.objects.all().delete()
    with time_machine.travel(close - timedelta(days=3) + timedelta(hours=1), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
    new_close = close + timedelta(hours=12)
    with scope(organization=org_a.organization):
        milestone = Milestone.objects.get(term=term, kind="applications_close")
        milestone_move(milestone=milestone, actor=None, at=new_close)
    with time_machine.travel(close - timedelta(days=3) + timedelta(hours=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 0  # already told, and not yet 3 days
    with time_machine.travel(new_close - timedelta(days=3) + timedelta(hours=1), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
        assert reminder_sweep(now=timezone.now()) == 0
    latest = _mail(draft.applicant.email)[-1]
    assert format_instant(new_close) in latest.text_body


def test_evaluations_remind_mentors_then_escalate_to_admins_once(org_a, org_b):
    mentorship = confirmed_mentorship(org_a)
    other = confirmed_mentorship(org_b)
    due = mentorship.midterm_at
    OutboxEmail.objects.all().delete()
    with time_machine.travel(due - timedelta(days=3), tick=False):
        assert reminder_sweep(now=timezone.now()) == 2  # both tenants' mentors
        assert reminder_sweep(now=timezone.now()) == 0
    (week,) = _mail(org_a.mentor.email)
    assert "midterm evaluation" in week.subject and "is due" in week.subject
    assert _mail(org_a.admin.email) == [] and _mail(mentorship.mentee.email) == []
    with time_machine.travel(due - timedelta(hours=5), tick=False):
        assert reminder_sweep(now=timezone.now()) == 2
    assert "due today" in _mail(org_a.mentor.email)[-1].subject
    with time_machine.travel(due + timedelta(days=1), tick=False):
        assert reminder_sweep(now=timezone.now()) == 4  # mentors and admins of both
        assert reminder_sweep(now=timezone.now()) == 0
    assert "overdue" in _mail(org_a.mentor.email)[-1].subject
    (escalated,) = _mail(org_a.admin.email)
    assert "overdue" in escalated.subject and mentorship.mentee.name in escalated.subject
    assert f"/o/{org_a.organization.slug}/" in escalated.text_body
    # Each organization's admins hear only of their own mentorships.
    assert other.mentee.name not in escalated.subject
    assert _mail(mentorship.mentee.email) == []


def test_a_checkpoint_with_its_verdict_is_not_reminded(org_a):
    mentorship = confirmed_mentorship(org_a)
    with scope(organization=org_a.organization):
        midterm = mentorship.evaluations.get(kind="midterm")
        evaluation_verdict(
            evaluation=midterm,
            actor=org_a.mentor,
            verdict="pass",
            progress=4,
            communication=4,
            now=midterm.due_at,
        )
    OutboxEmail.objects.all().delete()
    with time_machine.travel(midterm.due_at + timedelta(days=1), tick=False):
        reminder_sweep(now=timezone.now())
    assert not any("midterm" in row.subject for row in OutboxEmail.objects.all())


def test_mentors_with_applicants_left_hear_before_the_selection_deadline(org_a, org_b):
    program = ProgramFactory(organization=org_a.organization)
    term = term_in(program, CycleFactory(), primary_mentor=org_a.mentor)
    for _ in range(2):
        ApplicationFactory(term=term, state="submitted")
    ApplicationFactory(term=term, state="draft")  # not to review
    quiet = term_in(
        ProgramFactory(organization=org_b.organization), CycleFactory(), primary_mentor=org_b.mentor
    )  # no applicants: nothing to say
    with scope(organization=org_a.organization):
        deadline = Milestone.objects.get(term=term, kind="review_end").at
    assert quiet.pk
    OutboxEmail.objects.all().delete()
    with time_machine.travel(deadline - timedelta(days=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
        assert reminder_sweep(now=timezone.now()) == 0
    (mail,) = _mail(org_a.mentor.email)
    assert "2 applicants to review" in mail.subject and "selection closes in 3 days" in mail.subject
    assert f"/o/{org_a.organization.slug}/review/terms/{term.pk}/" in mail.text_body
    with time_machine.travel(deadline - timedelta(hours=3), tick=False):
        assert reminder_sweep(now=timezone.now()) == 1
    assert _mail(org_b.mentor.email) == [] and _mail(org_a.admin.email) == []


def test_a_mentee_hears_a_day_before_an_open_task_is_due(org_a):
    mentorship = confirmed_mentorship(org_a)
    due = timezone.now() + timedelta(days=10)
    with scope(organization=org_a.organization):
        (task,) = task_create(
            actor=None, title="Write the design doc", due_at=due, mentorship=mentorship
        )
    OutboxEmail.objects.all().delete()
    with time_machine.travel(due - timedelta(days=2), tick=False):
        reminder_sweep(now=timezone.now())
    assert _mail(mentorship.mentee.email) == []
    with time_machine.travel(due - timedelta(hours=6), tick=False):
        reminder_sweep(now=timezone.now())
        reminder_sweep(now=timezone.now())
    (mail,) = [m for m in _mail(mentorship.mentee.email) if "Write the design doc" in m.subject]
    assert str(task.public_id) in mail.text_body
    assert not any("design doc" in m.subject for m in _mail(org_a.mentor.email))


def test_a_sweep_that_dies_mid_batch_leaves_nothing_claimed_and_the_next_sends_all(
    org_a, monkeypatch
):
    term = _open_term(org_a)
    for _ in range(3):
        ApplicationFactory(term=term, state="draft")
    OutboxEmail.objects.all().delete()
    real_queue = reminder_services.email_queue_many

    def dies_after_queuing(**kwargs):
        real_queue(**kwargs)  # the rows are written, then the worker dies before commit
        raise RuntimeError("worker killed")

    monkeypatch.setattr(reminder_services, "email_queue_many", dies_after_queuing)
    with time_machine.travel(term.applications_close_at - timedelta(hours=2), tick=False):
        assert reminder_sweep(now=timezone.now()) == 0  # the rule failed and was logged
        assert ReminderClaim.objects.count() == 0 and OutboxEmail.objects.count() == 0
        monkeypatch.setattr(reminder_services, "email_queue_many", real_queue)
        assert reminder_sweep(now=timezone.now()) == 3
    assert OutboxEmail.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_send_each_reminder_once(org_a):
    assert connection.vendor == "postgresql"
    term = _open_term(org_a)
    for _ in range(30):
        ApplicationFactory(term=term, state="draft")
    now = term.applications_close_at - timedelta(hours=2)
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait()
            results.append(reminder_sweep(now=now))
        except Exception as error:  # pragma: no cover (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(results) == 30
    with scopes_disabled():
        assert OutboxEmail.objects.filter(subject__contains="applications close").count() == 30
        assert OutboxEmail.objects.filter(topic__startswith="reminder:").count() == 30


def test_submitted_applicants_hear_the_day_before_results_are_announced(org_a):
    term = _open_term(org_a)
    waiting = ApplicationFactory(term=term, state="submitted")
    draft = ApplicationFactory(term=term, state="draft")
    OutboxEmail.objects.all().delete()
    announced = term.cycle.results_announced_at
    with time_machine.travel(announced - timedelta(hours=12), tick=False):
        reminder_sweep(now=timezone.now())
    (mail,) = _mail(waiting.applicant.email)
    assert "results are announced" in mail.subject
    assert not any("results" in m.subject for m in _mail(draft.applicant.email))


def test_a_mentee_hears_before_the_final_feedback_is_due_until_given(org_a):
    mentorship = confirmed_mentorship(org_a)
    OutboxEmail.objects.all().delete()
    with time_machine.travel(mentorship.final_at - timedelta(days=3), tick=False):
        reminder_sweep(now=timezone.now())
        reminder_sweep(now=timezone.now())
    mails = [m for m in _mail(mentorship.mentee.email) if "final feedback" in m.subject]
    assert len(mails) == 1
    assert f"/me/mentorships/{mentorship.public_id}/feedback/final/" in mails[0].text_body


def test_submitted_applications_missing_a_later_prerequisite_hear_before_the_close(org_a):
    from programs.prerequisites.services import prerequisite_create

    term = _open_term(org_a)
    with scope(organization=org_a.organization):
        prerequisite_create(
            organization=org_a.organization,
            actor=None,
            term=term,
            kind="custom",
            title="First patch",
            answer_type="url",
            due_at=term.applications_close_at + timedelta(days=7),
        )
    missing = ApplicationFactory(term=term, state="submitted")
    OutboxEmail.objects.all().delete()
    with time_machine.travel(term.applications_close_at - timedelta(days=2), tick=False):
        reminder_sweep(now=timezone.now())
    (mail,) = [m for m in _mail(missing.applicant.email) if "prerequisites" in m.subject]
    assert "First patch" in mail.text_body
