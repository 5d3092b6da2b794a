"""Evaluation reminders: mentors hear when a required checkpoint opens without a verdict;
past due, the mentors and the admins hear. Each once, however often the sweep runs."""

from datetime import timedelta

import pytest
import time_machine
from django_scopes import scope

from core.outbox.models import OutboxEmail
from mentorship.evaluations.services import evaluation_verdict
from mentorship.evaluations.tasks import remind_evaluations
from tests.factories.mentorship import confirmed_mentorship

pytestmark = pytest.mark.django_db


def _subjects(address):
    return sorted(OutboxEmail.objects.filter(to=address).values_list("subject", flat=True))


def test_reminders_go_once_and_overdue_ones_reach_the_admins(org_a, org_b):
    mentorship = confirmed_mentorship(org_a)
    other = confirmed_mentorship(org_b)
    midterm_at = mentorship.midterm_at
    OutboxEmail.objects.all().delete()
    with time_machine.travel(midterm_at - timedelta(days=3), tick=False):
        assert remind_evaluations() == 2  # both tenants' midterms opened
        assert remind_evaluations() == 0
    mentor_mail = _subjects(org_a.mentor.email)
    assert len(mentor_mail) == 1 and "midterm evaluation is due" in mentor_mail[0]
    assert _subjects(org_a.admin.email) == []
    assert _subjects(mentorship.mentee.email) == []
    with time_machine.travel(midterm_at + timedelta(days=1), tick=False):
        assert remind_evaluations() == 2
        assert remind_evaluations() == 0
    assert any("overdue" in s for s in _subjects(org_a.admin.email))
    assert any("overdue" in s for s in _subjects(org_a.mentor.email))
    # Each organization's admins hear only of their own mentorships.
    assert not any(other.mentee.name in s for s in _subjects(org_a.admin.email))


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
    with time_machine.travel(midterm.due_at + timedelta(days=1), tick=False):
        assert remind_evaluations() == 0
