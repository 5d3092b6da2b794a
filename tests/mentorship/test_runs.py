"""Matching runs: the frozen input and its hash, the job (verify, store, run once), the
publication through the decision service (twice is once; changed inputs refuse), the
direct accept refused meanwhile, the previews and their isolation, the explanations, the
audit export, the command, the staff pages and API, further rounds."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from applications.apply.models import ApplicationState
from applications.decisions.models import Decision, Offer, Placement, TermSlot
from applications.decisions.services.matched import applications_accept_matched
from applications.ranking.models import PlacementExplanation
from applications.ranking.selectors import cycle_matching_input
from applications.ranking.services import rank_move
from mentorship.runs.models import MatchRun, ProposedPlacement, RunStatus
from mentorship.runs.services import execute as execute_module
from mentorship.runs.services.execute import match_run_execute
from mentorship.runs.services.runs import match_run_publish, match_run_start
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.decisions import accept, term_in
from tests.factories.matching import matched_cycle, run_now, score
from tests.factories.programs import ProgramFactory

pytestmark = pytest.mark.django_db


class World:
    """Two organizations in one matched cycle. mira ranks B's term first and A's second;
    nils and omar apply to A only. A ranks mira > omar > nils; A and B take one each.
    Stable result: mira → B, omar → A, nils unplaced."""

    def __init__(self, org_a, org_b):
        self.cycle = matched_cycle()
        self.org_a, self.org_b = org_a, org_b
        self.term_a = term_in(
            ProgramFactory(organization=org_a.organization, name="alpha kernel"),
            self.cycle,
            capacity=1,
        )
        self.term_b = term_in(
            ProgramFactory(organization=org_b.organization, name="beta cloud"),
            self.cycle,
            capacity=1,
        )
        self.mira = UserFactory(display_name="mira")
        self.nils = UserFactory(display_name="nils")
        self.omar = UserFactory(display_name="omar")
        self.mira_b = ApplicationFactory(term=self.term_b, applicant=self.mira, mentee_rank=1)
        self.mira_a = ApplicationFactory(term=self.term_a, applicant=self.mira, mentee_rank=2)
        self.nils_a = ApplicationFactory(term=self.term_a, applicant=self.nils, mentee_rank=1)
        self.omar_a = ApplicationFactory(term=self.term_a, applicant=self.omar, mentee_rank=1)
        score(self.mira_a, org_a.admin, 5)
        score(self.omar_a, org_a.admin, 4)
        score(self.nils_a, org_a.admin, 3)
        score(self.mira_b, org_b.admin, 5)


@pytest.fixture
def world(org_a, org_b):
    return World(org_a, org_b)


def _placements(run):
    with scopes_disabled():
        return {
            p.application.applicant.display_name: p.term_id
            for p in ProposedPlacement.objects.filter(run=run).select_related(
                "application__applicant"
            )
        }


def test_run_freezes_inputs_matches_verifies_and_stores(world, staff_user):
    run = run_now(world.cycle, staff_user)
    assert run.status == RunStatus.SUCCEEDED and run.attempts == 1
    assert _placements(run) == {"mira": world.term_b.pk, "omar": world.term_a.pk}
    assert run.counts["matched"] == 2 and run.counts["unmatched"] == 1
    assert run.seed == world.cycle.match_seed
    assert run.input_hash == cycle_matching_input(cycle=world.cycle).input_hash
    export = json.loads(json.dumps(run.inputs))
    assert export["term_prefs"][str(world.term_a.pk)] == [
        str(world.mira.public_id),
        str(world.omar.public_id),
        str(world.nils.public_id),
    ]
    assert export["mentee_prefs"][str(world.mira.public_id)] == [
        str(world.term_b.pk),
        str(world.term_a.pk),
    ]
    # Executing again (a redelivered task) changes nothing.
    assert match_run_execute(run_id=run.pk) == RunStatus.SUCCEEDED
    run.refresh_from_db()
    assert run.attempts == 1
    with scopes_disabled():
        assert ProposedPlacement.objects.filter(run=run).count() == 2


def test_hash_changes_with_a_rank_move_a_review_or_an_acceptance(world):
    hashes = [cycle_matching_input(cycle=world.cycle).input_hash]
    assert cycle_matching_input(cycle=world.cycle).input_hash == hashes[0]  # stable
    with scope(organization=world.org_a.organization):
        rank_move(term=world.term_a, application=world.nils_a, position=1, actor=None)
    hashes.append(cycle_matching_input(cycle=world.cycle).input_hash)
    score(world.omar_a, world.org_a.coordinator, not_acceptable=True)
    hashes.append(cycle_matching_input(cycle=world.cycle).input_hash)
    world.cycle.selection_mode = "direct"
    world.cycle.save()
    accept(world.mira_b, world.org_b.admin)
    hashes.append(cycle_matching_input(cycle=world.cycle).input_hash)
    assert len(set(hashes)) == 4


def test_a_retried_run_reuses_its_frozen_inputs(world, staff_user):
    run = match_run_start(cycle=world.cycle, actor=staff_user, enqueue=False)
    frozen = cycle_matching_input(cycle=world.cycle)
    # As if a first attempt froze the inputs and its worker was killed.
    MatchRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, attempts=1, inputs=frozen.as_json(), input_hash=frozen.input_hash
    )
    score(world.nils_a, world.org_a.coordinator, 5)  # changes the live inputs
    assert match_run_execute(run_id=run.pk) == RunStatus.SUCCEEDED
    run.refresh_from_db()
    assert run.attempts == 2 and run.input_hash == frozen.input_hash
    assert _placements(run) == {"mira": world.term_b.pk, "omar": world.term_a.pk}


def test_a_run_gives_up_visibly_after_three_attempts(world):
    run = match_run_start(cycle=world.cycle, actor=None, enqueue=False)
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, attempts=3)
    assert match_run_execute(run_id=run.pk) == RunStatus.FAILED
    run.refresh_from_db()
    assert "Gave up after 3 attempts" in run.error


def test_a_verifier_violation_fails_the_run_loudly_and_stores_nothing(world, monkeypatch):
    def broken(mentee_prefs, term_prefs, capacities):
        return {mentee: prefs[-1] for mentee, prefs in mentee_prefs.items()}

    monkeypatch.setattr(execute_module, "stable_match", broken)
    run = run_now(world.cycle)
    assert run.status == RunStatus.FAILED
    assert "violation" in run.error
    with scopes_disabled():
        assert not ProposedPlacement.objects.filter(run=run).exists()


def test_start_is_refused_for_direct_cycles_open_ones_and_while_a_run_is_live(world, staff_user):
    match_run_start(cycle=world.cycle, actor=staff_user, enqueue=False)
    with pytest.raises(ValidationError, match="still queued"):
        match_run_start(cycle=world.cycle, actor=staff_user, enqueue=False)
    world.cycle.selection_mode = "direct"
    world.cycle.save()
    with pytest.raises(ValidationError, match="selects directly"):
        match_run_start(cycle=world.cycle, actor=staff_user, enqueue=False)


def test_direct_accept_is_refused_in_a_matched_cycle_until_publication(world, staff_user):
    with pytest.raises(ValidationError, match="places mentees by matching"):
        accept(world.nils_a, world.org_a.admin)
    run = run_now(world.cycle, staff_user)
    match_run_publish(run=run, actor=staff_user)
    # After publication, decisions on the rest (replacements) are direct again.
    with scope(organization=world.org_a.organization):
        slot = TermSlot.objects.get(application=world.omar_a)
        assert slot.term_id == world.term_a.pk


def test_publish_accepts_through_the_decision_service_once(world, staff_user):
    run = run_now(world.cycle, staff_user)
    result = match_run_publish(run=run, actor=staff_user)
    assert result == {"accepted": 2, "already_published": 0}
    with scopes_disabled():
        assert set(Placement.objects.values_list("application_id", flat=True)) == {
            world.omar_a.pk,
            world.mira_b.pk,
        }
        assert Offer.objects.count() == 2 and TermSlot.objects.count() == 2
        assert Decision.objects.filter(decided_by=staff_user).count() == 2
        world.omar_a.refresh_from_db()
        assert world.omar_a.state == ApplicationState.ACCEPTED
        # The unplaced application and mira's second choice get their explanation.
        texts = dict(PlacementExplanation.objects.values_list("application_id", "text"))
    assert set(texts) == {world.nils_a.pk, world.mira_a.pk}
    assert "Not placed: your 1st choice (alpha kernel at" in texts[world.nils_a.pk]
    assert "applicant its mentors ranked higher" in texts[world.nils_a.pk]
    assert texts[world.mira_a.pk].startswith("Placed in your 1st choice (beta cloud at ")
    # Twice is once.
    assert match_run_publish(run=run, actor=staff_user) == {"accepted": 0, "already_published": 1}
    with scopes_disabled():
        assert Offer.objects.count() == 2


def test_publish_is_refused_when_the_inputs_changed(world, staff_user):
    run = run_now(world.cycle, staff_user)
    score(world.omar_a, world.org_a.coordinator, not_acceptable=True)
    with pytest.raises(ValidationError, match="inputs changed"):
        match_run_publish(run=run, actor=staff_user)
    with scopes_disabled():
        assert not Offer.objects.exists() and not Placement.objects.exists()
    run.refresh_from_db()
    assert run.published_at is None


def test_further_round_runs_over_remaining_capacity_and_unplaced(world, staff_user):
    first = run_now(world.cycle, staff_user)
    match_run_publish(run=first, actor=staff_user)
    second = run_now(world.cycle, staff_user)
    assert second.round == 2
    assert str(world.omar.public_id) not in second.inputs["mentee_prefs"]
    assert second.inputs["capacities"] == {str(world.term_a.pk): 0, str(world.term_b.pk): 0}
    assert second.counts["matched"] == 0


def test_mentee_sees_why_only_after_the_announcement(world, staff_user):
    run = run_now(world.cycle, staff_user)
    match_run_publish(run=run, actor=staff_user)
    url = reverse("applications:my-application", kwargs={"application": world.nils_a.public_id})
    before = client_for(world.nils).get(url).content.decode()
    assert "was not placed" not in before
    world.cycle.results_announced_at = world.cycle.applications_close_at + timedelta(days=1)
    world.cycle.save()
    after = client_for(world.nils).get(url).content.decode()
    assert "Why this application was not placed" in after
    assert "its mentors ranked higher" in after


def test_admin_preview_shows_own_terms_and_explains_without_naming_others(world, staff_user):
    run = run_now(world.cycle, staff_user)
    page = client_for(world.org_a.admin).get(
        reverse("mentorship:org-matching-run", kwargs={"org": "alpha", "run": run.pk})
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "omar" in text and "alpha kernel" in text
    assert "mira ranked this term as their 2nd choice and was placed in their 1st choice" in text
    assert "another organization" in text
    assert "beta cloud" not in text and "beta" not in text.lower().replace("alphabet", "")
    other = client_for(world.org_b.admin).get(
        reverse("mentorship:org-matching-run", kwargs={"org": "beta", "run": run.pk})
    )
    assert "omar" not in other.content.decode() and "mira" in other.content.decode()
    # Coordinators and mentors do not preview; mentees see nothing before publication.
    assert (
        client_for(world.org_a.coordinator)
        .get(reverse("mentorship:org-matching", kwargs={"org": "alpha"}))
        .status_code
        == 403
    )
    api = api_client_for(world.org_a.admin).get(f"/api/v1/orgs/alpha/matching-runs/{run.pk}/")
    assert api.status_code == 200
    assert [p["mentee"] for p in api.json()["terms"][0]["placements"]] == ["omar"]
    assert "beta" not in json.dumps(api.json())


def test_staff_pages_start_watch_export_and_publish(
    world, staff_user, django_capture_on_commit_callbacks
):
    client = client_for(staff_user)
    assert client.get(reverse("mentorship:staff-matching")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("mentorship:staff-run-start", kwargs={"cycle": world.cycle.pk})
        )
    run = MatchRun.objects.get()
    assert answer.status_code == 302
    assert run.status == RunStatus.SUCCEEDED  # eager Celery in tests
    page = client.get(reverse("mentorship:staff-run", kwargs={"run": run.pk})).content.decode()
    assert "Fill rate per term" in page and "1st" in page
    progress = client.get(reverse("mentorship:staff-run-progress", kwargs={"run": run.pk}))
    assert "Succeeded" in progress.content.decode()
    export = client.get(reverse("mentorship:staff-run-export", kwargs={"run": run.pk}))
    data = json.loads(export.content)
    assert list(data) == ["cycle", "seed", "mentee_prefs", "term_prefs", "capacities", "match"]
    assert data["cycle"] == str(world.cycle.pk)
    assert data["match"] == {
        str(world.mira.public_id): str(world.term_b.pk),
        str(world.omar.public_id): str(world.term_a.pk),
    }
    client.post(reverse("mentorship:staff-run-publish", kwargs={"run": run.pk}))
    run.refresh_from_db()
    assert run.published_at is not None
    assert (
        client_for(world.org_a.admin).get(reverse("mentorship:staff-matching")).status_code == 404
    )


def test_staff_api(world, staff_user, django_capture_on_commit_callbacks):
    api = api_client_for(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post("/api/v1/staff/matching-runs/", {"cycle": world.cycle.pk}, "json")
    assert created.status_code == 201, created.content
    run_id = created.json()["id"]
    assert api.get(f"/api/v1/staff/matching-runs/{run_id}/").json()["status"] == "succeeded"
    preview = api.get(f"/api/v1/staff/matching-runs/{run_id}/preview/").json()
    assert preview["shares"][0] == {"choice": "1st", "placed": 2, "share": 100}
    assert api.get(f"/api/v1/staff/matching-runs/{run_id}/export/").json()["seed"] > -1
    published = api.post(f"/api/v1/staff/matching-runs/{run_id}/publish/")
    assert published.json() == {"accepted": 2, "already_published": False}
    again = api.post(f"/api/v1/staff/matching-runs/{run_id}/publish/")
    assert again.json() == {"accepted": 0, "already_published": True}
    bad = api.post("/api/v1/staff/matching-runs/", {"cycle": 999999}, "json")
    assert bad.status_code == 404
    refused = api.post("/api/v1/staff/matching-runs/", {"cycle": "x"}, "json")
    assert refused.status_code == 400
    assert api_client_for(world.org_a.admin).get("/api/v1/staff/matching-runs/").status_code == 404


def test_command_runs_exports_and_publishes(world, tmp_path, capsys):
    path = tmp_path / "run.json"
    call_command("match_cycle", world.cycle.name, "--export", str(path))
    run = MatchRun.objects.get()
    data = json.loads(path.read_text())
    assert data["match"] == run.match and data["seed"] == run.seed
    call_command("match_cycle", str(world.cycle.pk), "--publish", str(run.pk))
    call_command("match_cycle", str(world.cycle.pk), "--publish", str(run.pk))
    out = capsys.readouterr().out
    assert "succeeded" in out and "Published run" in out and "already published" in out
    with pytest.raises(CommandError, match="No cycle"):
        call_command("match_cycle", "nope")


def test_bulk_accept_refuses_over_capacity_a_mentee_twice_or_placed_and_writes_nothing(world):
    with pytest.raises(ValidationError, match="This term is full"):
        applications_accept_matched(
            application_ids=[world.omar_a.pk, world.nils_a.pk], actor=None, reason="test"
        )
    with pytest.raises(ValidationError, match="appears twice"):
        applications_accept_matched(
            application_ids=[world.mira_a.pk, world.mira_b.pk], actor=None, reason="test"
        )
    world.cycle.selection_mode = "direct"
    world.cycle.save()
    accept(world.mira_b, world.org_b.admin)
    with pytest.raises(ValidationError, match="withdrawn or decided since"):
        applications_accept_matched(application_ids=[world.mira_b.pk], actor=None, reason="t")
    with pytest.raises(ValidationError, match="accepted elsewhere since"):
        applications_accept_matched(application_ids=[world.mira_a.pk], actor=None, reason="t")
    with scopes_disabled():
        assert TermSlot.objects.count() == 1 and Placement.objects.count() == 1
        assert Offer.objects.count() == 1


@pytest.mark.parametrize("extra", [2, 40])
def test_query_counts_do_not_grow_with_the_applicants(
    world, staff_user, extra, django_assert_max_num_queries
):
    for i in range(extra):
        application = ApplicationFactory(
            term=world.term_a if i % 2 else world.term_b,
            applicant=UserFactory(display_name=f"extra {i}"),
            mentee_rank=1,
        )
        score(application, world.org_a.admin if i % 2 else world.org_b.admin, 1 + i % 5)
    run = match_run_start(cycle=world.cycle, actor=staff_user, enqueue=False)
    with django_assert_max_num_queries(20):
        match_run_execute(run_id=run.pk)
    run.refresh_from_db()
    staff = client_for(staff_user)
    admin = client_for(world.org_a.admin)
    staff_page = reverse("mentorship:staff-run", kwargs={"run": run.pk})
    org_page = reverse("mentorship:org-matching-run", kwargs={"org": "alpha", "run": run.pk})
    staff.get(staff_page)
    admin.get(org_page)
    with django_assert_max_num_queries(12):
        assert staff.get(staff_page).status_code == 200
    with django_assert_max_num_queries(16):
        assert admin.get(org_page).status_code == 200
    with django_assert_max_num_queries(30):
        match_run_publish(run=run, actor=staff_user)


def test_staff_set_the_selection_mode_and_a_bad_mode_is_refused(world, staff_user):
    api = api_client_for(staff_user)
    url = f"/api/v1/staff/cycles/{world.cycle.pk}/"
    assert api.patch(url, {"selection_mode": "direct"}, "json").json()["selection_mode"] == "direct"
    refused = api.patch(url, {"selection_mode": "lottery"}, "json")
    assert refused.status_code == 400 and "selection_mode" in refused.json()
    world.cycle.refresh_from_db()
    assert world.cycle.selection_mode == "direct"
    page = client_for(staff_user).get(
        reverse("programs:staff-cycle-edit", kwargs={"cycle": world.cycle.pk})
    )
    assert "Selection mode" in page.content.decode()
