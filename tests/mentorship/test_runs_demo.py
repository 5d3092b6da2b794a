"""The demo's matched cycle: a run ready to preview and publish, loaded twice as once."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from mentorship.runs.models import MatchRun, ProposedPlacement
from mentorship.runs.services.runs import match_run_publish

pytestmark = pytest.mark.django_db


def test_demo_has_a_matched_run_ready_to_publish():
    call_command("load_demo")
    call_command("load_demo")
    run = MatchRun.objects.get(cycle__name="Matched cycle")
    assert run.status == "succeeded" and run.published_at is None
    with scopes_disabled():
        placed = {
            (p.application.applicant.email, p.organization.slug)
            for p in ProposedPlacement.objects.filter(run=run).select_related(
                "application__applicant", "organization"
            )
        }
    assert placed == {
        ("lena.mentee@example.org", "borealis"),
        ("yuki.mentee@example.org", "aurora"),
    }
    assert match_run_publish(run=run, actor=None)["accepted"] == 2
