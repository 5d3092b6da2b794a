import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from accounts.people.models import User
from applications.apply.models import Application
from applications.apply.selectors.mine import my_applications_by_cycle
from tests.applications.mentee_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_the_demo_mentee_has_a_draft_and_two_ranked_submissions_and_loads_twice():
    call_command("load_demo")
    mentee = User.objects.get(email="mentee@example.org")
    with scopes_disabled():
        rows = {
            (a.organization.slug, a.term.program.slug): (a.state, a.mentee_rank)
            # The previous cycle's mentorship (decisions demo) is left aside here.
            for a in Application.objects.filter(applicant=mentee)
            .exclude(state="accepted")
            .select_related("organization", "term__program")
        }
    assert rows == {
        ("aurora", "kernel-mentorship"): ("draft", None),
        ("aurora", "rust-for-linux"): ("submitted", 2),
        ("borealis", "cloud-native-contributors"): ("submitted", 1),
    }
    (group,) = [g for g in my_applications_by_cycle(user=mentee) if g.ranking_editable]
    assert group.ranking_editable and [i.application.organization.slug for i in group.ranked] == [
        "borealis",
        "aurora",
    ]
    assert "Complete 1 more item" in group.others[0].next_step
    call_command("load_demo")
    with scopes_disabled():
        assert Application.objects.filter(applicant=mentee).exclude(state="accepted").count() == 3
