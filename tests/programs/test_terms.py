"""Term rules: at most two terms of a program at once, positive capacity, no deleting a
term with applicants, opening and closing applications, mentors."""

import threading
from datetime import date, timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, models
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from accounts.organizations.models import Role
from programs.programs.models import ProgramStatus
from programs.terms.models import Milestone, Term, TermMentor
from programs.terms.models import MilestoneKind as K
from programs.terms.services.mentors import (
    term_mentor_add,
    term_mentor_make_primary,
    term_mentor_remove,
)
from programs.terms.services.terms import (
    HAS_APPLICANTS,
    term_close_applications,
    term_delete,
    term_open_applications,
    term_timeline_update,
    term_update,
)
from programs.terms.timeline import accepting_applications, submissions_open
from tests.conftest import api_client_for, client_for
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.programs import ProgramFactory, make_term
from tests.programs.conftest import JUNE_1

pytestmark = pytest.mark.django_db


# --- at most two terms of a program overlap ----------------------------------------------


def test_two_overlapping_terms_are_fine_a_third_at_the_same_time_is_refused(program, cycle_2030):
    make_term(program, cycle_2030, start=JUNE_1)  # 1 Jun – 24 Aug
    make_term(program, cycle_2030, start=date(2030, 6, 15))  # 15 Jun – 7 Sep
    with pytest.raises(ValidationError) as error:
        make_term(program, cycle_2030, start=date(2030, 7, 1))
    assert "already has 2 terms running" in error.value.message_dict["start_date"][0]
    with scope(organization=program.organization):
        assert Term.objects.filter(program=program).count() == 2


def test_a_term_overlapping_only_one_of_two_others_is_fine(program, cycle_2030):
    make_term(program, cycle_2030, start=JUNE_1)  # ends 24 Aug
    make_term(program, cycle_2030, start=date(2030, 6, 15))  # ends 7 Sep
    make_term(program, cycle_2030, start=date(2030, 9, 1))  # overlaps the second only


def test_terms_of_other_programs_do_not_count(org_a, program, cycle_2030):
    other = ProgramFactory(organization=org_a.organization, name="Other")
    make_term(program, cycle_2030, start=JUNE_1)
    make_term(program, cycle_2030, start=JUNE_1 + timedelta(days=1))
    make_term(other, cycle_2030, start=JUNE_1)


def test_moving_a_term_into_a_third_overlap_is_refused(program, cycle_2030):
    make_term(program, cycle_2030, start=JUNE_1)
    make_term(program, cycle_2030, start=date(2030, 6, 15))
    late = make_term(program, cycle_2030, start=date(2030, 10, 1))
    with scope(organization=program.organization), pytest.raises(ValidationError) as error:
        term_timeline_update(
            term=late,
            actor=None,
            changes={
                K.TERM_END: late.ends_at,
                K.TERM_START: late.starts_at - timedelta(days=60),
                K.KICKOFF: late.starts_at - timedelta(days=59),
                K.APPLICATIONS_OPEN: late.applications_open_at - timedelta(days=60),
                K.APPLICATIONS_CLOSE: late.applications_close_at - timedelta(days=60),
                K.REVIEW_START: late.applications_close_at - timedelta(days=59),
                K.REVIEW_END: late.applications_close_at - timedelta(days=50),
                K.RESULTS_ANNOUNCED: late.applications_close_at - timedelta(days=48),
            },
        )
    assert "at most 2 terms at the same time" in error.value.message_dict["term_start"][0]


@pytest.mark.django_db(transaction=True)
def test_two_admins_adding_overlapping_terms_at_once_leave_at_most_two(org_a, cycle_2030):
    program = ProgramFactory(organization=org_a.organization, name="Racy")
    make_term(program, cycle_2030, start=JUNE_1)
    barrier = threading.Barrier(2)
    outcomes = []

    def add(day):
        try:
            barrier.wait()
            make_term(program, cycle_2030, start=JUNE_1 + timedelta(days=day))
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=add, args=(day,)) for day in (3, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    with scopes_disabled():
        assert Term.objects.filter(program=program).count() == 2


# --- capacity -------------------------------------------------------------------------------


@pytest.mark.parametrize("capacity", [0, -1])
def test_capacity_must_be_positive(program, cycle_2030, capacity):
    with pytest.raises(ValidationError) as error:
        make_term(program, cycle_2030, start=JUNE_1, capacity=capacity)
    assert error.value.message_dict == {"capacity": ["Capacity must be at least 1 mentee slot."]}
    with scope(organization=program.organization):
        assert not Term.objects.exists()


def test_capacity_cannot_be_changed_to_zero(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1, capacity=3)
    with scope(organization=program.organization), pytest.raises(ValidationError):
        term_update(term=term, actor=None, capacity=0)
    with scope(organization=program.organization):
        assert term_update(term=term, actor=None, capacity=5).capacity == 5


def test_capacity_error_is_shown_on_the_term_form(org_a, program, cycle_now):
    start = (timezone.now() + timedelta(days=40)).date().isoformat()
    response = client_for(org_a.admin).post(
        f"/o/alpha/programs/{program.slug}/terms/new/",
        {"cycle": cycle_now.pk, "kind": "full_time", "start_date": start, "capacity": 0},
    )
    assert response.status_code == 200
    assert "Capacity must be at least 1 mentee slot." in response.content.decode()


def test_capacity_error_is_a_400_in_the_api(org_a, program, cycle_now):
    start = (timezone.now() + timedelta(days=40)).date().isoformat()
    response = api_client_for(org_a.admin).post(
        "/api/v1/orgs/alpha/terms/",
        {
            "program": program.slug,
            "cycle": cycle_now.pk,
            "kind": "full_time",
            "start_date": start,
            "capacity": 0,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"capacity": ["Capacity must be at least 1 mentee slot."]}


# --- a term with applicants cannot be deleted ----------------------------------------------


@pytest.fixture
def applicant_model(db):
    """A row pointing at Term with on_delete=PROTECT, exactly as applications.Application
    will (the applications app is the next issue). The table lives only in this test's
    transaction."""

    class Applicant(models.Model):
        term = models.ForeignKey("programs.Term", on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "programs"
            db_table = "test_programs_applicant"

        def __str__(self) -> str:
            return f"applicant to term {self.term_id}"

    with connection.schema_editor() as editor:
        editor.create_model(Applicant)
    yield Applicant
    del apps.all_models["programs"]["applicant"]
    apps.clear_cache()


def test_a_term_with_applicants_cannot_be_deleted(program, cycle_2030, applicant_model):
    term = make_term(program, cycle_2030, start=JUNE_1)
    applicant_model.objects.create(term=term)
    with scope(organization=program.organization):
        with pytest.raises(ValidationError) as error:
            term_delete(term=term, actor=None)
        assert error.value.messages == [HAS_APPLICANTS]
        assert Term.objects.filter(pk=term.pk).exists()
        assert Milestone.objects.filter(term=term).count() == 12


def test_a_term_with_applicants_answers_400_in_the_api_and_a_message_on_the_page(
    org_a, program, cycle_2030, applicant_model
):
    term = make_term(program, cycle_2030, start=JUNE_1)
    applicant_model.objects.create(term=term)
    response = api_client_for(org_a.admin).delete(f"/api/v1/orgs/alpha/terms/{term.pk}/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [HAS_APPLICANTS]}
    page = client_for(org_a.admin).post(f"/o/alpha/terms/{term.pk}/delete/", follow=True)
    assert HAS_APPLICANTS in page.content.decode()


def test_a_term_without_applicants_is_deleted_with_its_timeline(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        term_delete(term=term, actor=None)
        assert not Term.objects.exists() and not Milestone.objects.exists()


# --- opening and closing applications ---------------------------------------------------------


@pytest.fixture
def upcoming(program, cycle_now):
    """Starts in 50 days: applications would open in 15 days."""
    return make_term(program, cycle_now, start=timezone.now().date() + timedelta(days=50))


def test_opening_applications_moves_the_open_milestone_to_now(upcoming):
    assert not accepting_applications(upcoming)
    with scope(organization=upcoming.organization):
        term = term_open_applications(term=upcoming, actor=None)
        assert accepting_applications(term)
        opened = Milestone.objects.get(term=term, kind=K.APPLICATIONS_OPEN).at
    assert abs(opened - timezone.now()) < timedelta(minutes=1)


def test_applications_of_an_unapproved_program_cannot_open(org_a, cycle_now):
    draft = ProgramFactory(organization=org_a.organization, status=ProgramStatus.DRAFT)
    term = make_term(draft, cycle_now)
    with scope(organization=draft.organization), pytest.raises(ValidationError) as error:
        term_open_applications(term=term, actor=None)
    assert "not approved this program yet" in error.value.messages[0]


def test_applications_cannot_open_before_the_cycle_window(program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with time_machine.travel("2029-12-01 12:00Z", tick=False):
        with scope(organization=program.organization), pytest.raises(ValidationError) as error:
            term_open_applications(term=term, actor=None)
    assert "opens for applications on 1 Jan 2030, 18:00 UTC" in error.value.messages[0]


def test_closing_early_keeps_started_drafts_finishable_and_reopening_restores(program, cycle_now):
    term = make_term(program, cycle_now)  # accepting now
    with scope(organization=program.organization):
        term = term_close_applications(term=term, actor=None)
        assert not accepting_applications(term)
        assert submissions_open(term)  # drafts can still be submitted until the deadline
        with pytest.raises(ValidationError, match="not open"):
            term_close_applications(term=term, actor=None)
        term = term_open_applications(term=term, actor=None)
        assert accepting_applications(term) and term.applications_closed_early_at is None


def test_applications_cannot_reopen_after_the_deadline(program, cycle_now):
    term = make_term(program, cycle_now)
    with scope(organization=program.organization):
        term = term_close_applications(term=term, actor=None)
    with time_machine.travel(term.applications_close_at + timedelta(minutes=1), tick=False):
        with scope(organization=program.organization), pytest.raises(ValidationError) as error:
            term_open_applications(term=term, actor=None)
        assert not submissions_open(term)
    assert "has passed" in error.value.messages[0]


def test_open_and_close_buttons_on_the_term_page(org_a, upcoming):
    client = client_for(org_a.admin)
    page = client.post(f"/o/alpha/terms/{upcoming.pk}/open/", follow=True).content.decode()
    assert "Applications are open until" in page
    page = client.post(f"/o/alpha/terms/{upcoming.pk}/close/", follow=True).content.decode()
    assert "closed to new applicants" in page and "Reopen applications" in page


# --- mentors ---------------------------------------------------------------------------------


def test_only_the_organizations_mentors_can_mentor_a_term(org_a, org_b, program, cycle_2030):
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        for outsider in (org_a.coordinator, org_b.mentor, UserFactory()):
            with pytest.raises(ValidationError) as error:
                term_mentor_add(term=term, actor=None, user=outsider)
            assert "is not a mentor of Alpha" in str(error.value)


def test_first_mentor_is_primary_and_primary_moves_on_removal(org_a, program, cycle_2030):
    second = UserFactory()
    MembershipFactory(organization=org_a.organization, user=second, role=Role.MENTOR)
    term = make_term(program, cycle_2030, start=JUNE_1)
    with scope(organization=program.organization):
        first = term_mentor_add(term=term, actor=None, user=org_a.mentor)
        co = term_mentor_add(term=term, actor=None, user=second)
        assert first.is_primary and not co.is_primary
        with pytest.raises(ValidationError, match="already mentors"):
            term_mentor_add(term=term, actor=None, user=second)
        term_mentor_make_primary(mentor=co, actor=None)
        assert list(TermMentor.objects.filter(is_primary=True)) == [co]
        term_mentor_remove(mentor=co, actor=None)
        assert TermMentor.objects.get().is_primary  # the remaining mentor took over


def test_a_term_can_be_created_with_its_mentors(org_a, program, cycle_2030):
    second = UserFactory()
    MembershipFactory(organization=org_a.organization, user=second, role=Role.MENTOR)
    term = make_term(
        program, cycle_2030, start=JUNE_1, primary_mentor=second, co_mentors=[org_a.mentor]
    )
    with scope(organization=program.organization):
        mentors = {m.user: m.is_primary for m in TermMentor.objects.filter(term=term)}
    assert mentors == {second: True, org_a.mentor: False}
