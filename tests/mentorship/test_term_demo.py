"""The demo tells the term's story: a graduate with a letter, a midterm due for
`mentee@example.org`, an extension, tasks in each state; loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from accounts.people.models import User
from applications.apply.selectors.eligibility import mentee_has_graduated
from mentorship.assignments.models import Task
from mentorship.certificates.models import Certificate
from mentorship.evaluations.models import EvaluationVerdict
from mentorship.mentorships.models import Mentorship
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _counts():
    with scopes_disabled():
        return (
            Mentorship.objects.count(),
            Task.objects.count(),
            EvaluationVerdict.objects.count(),
            Certificate.objects.count(),
        )


def test_the_demo_term_is_in_the_state_the_readme_promises():
    call_command("load_demo")
    counts = _counts()
    call_command("load_demo")
    assert _counts() == counts
    with scopes_disabled():
        graduated = Mentorship.objects.get(mentee__email="graduate@example.org")
        assert graduated.state == "graduated"
        assert graduated.term.cycle.name == "Earlier cycle"
        assert Certificate.objects.filter(mentorship=graduated, revoked_at=None).exists()
        mine = Mentorship.objects.get(
            mentee__email="mentee@example.org", organization__slug="borealis"
        )
        midterm = mine.evaluations.get(kind="midterm")
        assert midterm.state == "pending"
        rio = Mentorship.objects.get(mentee__email="rio.mentee@example.org")
        assert rio.extension_weeks == 2
        assert set(Task.objects.filter(mentorship=mine).values_list("state", flat=True)) == {
            "todo",
            "in_progress",
            "submitted",
            "completed",
        }
    assert mentee_has_graduated(User.objects.get(email="graduate@example.org"))
    # The mentor's page offers the midterm verdict.
    mentor = User.objects.get(email="mentor.borealis@example.org")
    page = client_for(mentor).get(
        reverse(
            "mentorship:org-mentorship", kwargs={"org": "borealis", "mentorship": mine.public_id}
        )
    )
    assert "Give the midterm evaluation verdict" in page.content.decode()
