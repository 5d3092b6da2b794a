"""Drafts saved answer by answer, submission (deadline to the second, prerequisites, the
confirmation email), withdrawal and re-applying, the cycle limit (the ranking:
test_mentee_ranking.py)."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.mine import my_applications_by_cycle
from applications.apply.services import answers as services_answers
from applications.apply.services import common as services_common
from applications.apply.services import ranking as services_ranking
from applications.apply.services import submit as services
from applications.decisions.selectors import application_history
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import (
    add_prerequisite,
    answer,
    fill,
    fresh,
    start,
    submit,
    withdraw,
)
from tests.factories.applications import ApplicationFactory
from tests.factories.profiles import pdf_upload, zip_bytes
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db
S = ApplicationState
SECOND = timedelta(seconds=1)


# --- drafts ------------------------------------------------------------------------------------


def test_each_answer_saves_on_its_own_and_the_draft_resumes(mentee, term_a):
    url_p = add_prerequisite(term_a, kind="coding_challenge")
    text_p = add_prerequisite(term_a, kind="custom", title="Motivation", answer_type="text")
    application = start(mentee, term_a)
    answer(application, url_p, url="https://example.org/x")
    reopened = fresh(application)
    with scope(organization=term_a.organization):
        answers = {a.prerequisite_id: a for a in reopened.answers.all()}
    assert answers[url_p.pk].url == "https://example.org/x" and answers[url_p.pk].completed_at
    assert text_p.pk not in answers
    answer(application, text_p, text="  Because.  ")
    answer(application, url_p, url="")  # clearing an answer un-completes it
    with scope(organization=term_a.organization):
        answers = {a.prerequisite_id: a for a in reopened.answers.all()}
    assert answers[text_p.pk].text == "Because." and answers[url_p.pk].completed_at is None


@pytest.mark.parametrize(
    "values,field",
    [
        ({"url": "not a link"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://example.org/" + "x" * 600}, "url"),
    ],
)
def test_bad_links_are_refused_with_a_field_message(mentee, term_a, values, field):
    prerequisite = add_prerequisite(term_a, kind="coding_challenge")
    application = start(mentee, term_a)
    with pytest.raises(ValidationError) as error:
        answer(application, prerequisite, **values)
    assert field in error.value.message_dict
    with scope(organization=term_a.organization):
        assert not application.answers.exists()


def test_files_are_checked_as_pdfs_and_a_rejected_one_writes_nothing(
    mentee, term_a, storage_files_i6, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    prerequisite = add_prerequisite(term_a, kind="proof_of_enrollment")
    application = start(mentee, term_a)
    before = storage_files_i6()
    fake = SimpleUploadedFile("enrollment.pdf", zip_bytes(), "application/pdf")
    with pytest.raises(ValidationError) as error:
        answer(application, prerequisite, upload=fake)
    assert "not a PDF" in error.value.message_dict["file"][0]
    assert storage_files_i6() == before
    first = answer(application, prerequisite, upload=pdf_upload("one.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        second = answer(application, prerequisite, upload=pdf_upload("two.pdf"))
    assert second.file.original_name == "two.pdf" and second.completed_at
    assert first.file_id != second.file_id
    assert len(storage_files_i6()) == len(before) + 1  # the replaced file is gone


def test_a_prerequisite_of_another_term_cannot_be_answered(mentee, term_a, term_b):
    foreign = add_prerequisite(term_b, kind="coding_challenge")
    application = start(mentee, term_a)
    with pytest.raises(ValidationError, match="no such prerequisite"):
        answer(application, foreign, url="https://example.org")


def test_standing_prerequisites_of_the_organization_apply(mentee, term_a):
    from programs.prerequisites.services import prerequisite_create

    with scope(organization=term_a.organization):
        standing = prerequisite_create(
            organization=term_a.organization,
            actor=None,
            kind="custom",
            title="Ethics",
            answer_type="text",
        )
    application = start(mentee, term_a)
    with scope(organization=term_a.organization):
        services_answers.application_draft_update(
            application=application, actor=mentee, cover_letter="Hi"
        )
    with pytest.raises(ValidationError, match="Ethics"):
        submit(application)
    answer(application, standing, text="I agree.")
    assert submit(fresh(application)).state == S.SUBMITTED


# --- submit ------------------------------------------------------------------------------------


def test_submit_needs_a_cover_letter_and_every_prerequisite_due_by_the_deadline(mentee, term_a):
    add_prerequisite(term_a, kind="coding_challenge")
    application = start(mentee, term_a)
    with pytest.raises(ValidationError) as error:
        submit(application)
    assert set(error.value.message_dict) == {"cover_letter", "prerequisites"}
    assert fresh(application).state == S.DRAFT
    assert submit(fill(application)).state == S.SUBMITTED


def test_submit_one_second_before_the_deadline_works(mentee, term_a):
    application = fill(start(mentee, term_a))
    with time_machine.travel(term_a.applications_close_at - SECOND, tick=False):
        assert submit(application).state == S.SUBMITTED


@pytest.mark.parametrize("after", [timedelta(0), SECOND])
def test_submit_at_or_after_the_deadline_is_refused(mentee, term_a, after):
    application = fill(start(mentee, term_a))
    with time_machine.travel(term_a.applications_close_at + after, tick=False):
        with pytest.raises(ValidationError, match="closed"):
            submit(application)
    assert fresh(application).state == S.DRAFT


def test_closing_early_stops_new_drafts_but_not_submitting_started_ones(mentee, term_a, org_a):
    from programs.terms.services.terms import term_close_applications

    application = fill(start(mentee, term_a))
    with scope(organization=term_a.organization):
        term_close_applications(term=term_a, actor=org_a.admin)
    assert submit(fresh(application)).state == S.SUBMITTED


def test_submitting_sends_a_confirmation_with_what_was_submitted(
    mentee, term_a, django_capture_on_commit_callbacks
):
    add_prerequisite(term_a, kind="coding_challenge")
    application = fill(start(mentee, term_a))
    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit(application)
    (message,) = mail.outbox
    assert message.to == [mentee.email]
    assert "Application submitted" in message.subject
    assert "https://example.org/solution" in message.body and "Hello!" in message.body
    assert "Results are announced" in message.body
    assert message.alternatives[0][1] == "text/html"
    with scope(organization=term_a.organization):
        created, event = application_history(application=submitted)
    assert (created.action, created.to_state) == ("application.created", S.DRAFT)
    assert (event.from_state, event.to_state, event.actor) == (S.DRAFT, S.SUBMITTED, mentee)


def test_a_failed_submission_sends_nothing(mentee, term_a, django_capture_on_commit_callbacks):
    application = start(mentee, term_a)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        submit(application)
    assert mail.outbox == []


def test_submitting_twice_submits_once(mentee, term_a):
    application = fill(start(mentee, term_a))
    submit(application)
    with pytest.raises(ValidationError, match="already submitted"):
        submit(application)
    with scope(organization=term_a.organization):
        assert (
            application_history(application=application).filter(to_state=S.SUBMITTED).count() == 1
        )


def test_later_prerequisites_stay_completable_after_submitting_until_due(mentee, term_a):
    later = add_prerequisite(
        term_a,
        kind="custom",
        title="Blog post",
        answer_type="url",
        due_at=term_a.applications_close_at + timedelta(days=3),
    )
    needed = add_prerequisite(term_a, kind="coding_challenge")
    application = submit(fill(start(mentee, term_a)))
    with scope(organization=term_a.organization):
        assert not application.answers.filter(prerequisite=later).exists()
    answer(application, later, url="https://example.org/blog")
    with pytest.raises(ValidationError, match="final"):
        answer(application, needed, url="https://example.org/other")
    with pytest.raises(ValidationError, match="cover letter is final"):
        with scope(organization=term_a.organization):
            services_answers.application_draft_update(
                application=application, actor=mentee, cover_letter="Changed"
            )
    with time_machine.travel(later.due_at + SECOND, tick=False):
        with pytest.raises(ValidationError, match="was due"):
            answer(application, later, url="https://example.org/late")


def test_only_the_applicant_changes_an_application(mentee, other_mentee, term_a):
    application = start(mentee, term_a)
    with scope(organization=term_a.organization), pytest.raises(ValidationError):
        services.application_submit(application=application, actor=other_mentee)
    with scope(organization=term_a.organization), pytest.raises(ValidationError):
        services_ranking.application_withdraw(application=application, actor=other_mentee)


# --- withdraw, the limit and re-applying ------------------------------------------------------


def test_cycle_limit_with_withdraw_and_reapply(mentee, org_a, org_b, cycle):
    cycle.max_active_applications = 2
    cycle.save()
    first, second, third = (
        make_term(ProgramFactory(organization=org.organization, name=name), cycle)
        for org, name in ((org_a, "One"), (org_b, "Two"), (org_a, "Three"))
    )
    one = submit(fill(start(mentee, first)))
    # A draft started while under the limit...
    third_draft = fill(start(mentee, third))
    submit(fill(start(mentee, second)))
    # ... cannot be submitted once the limit is reached (counted across organizations).
    with pytest.raises(services_common.ApplyRefused) as error:
        submit(third_draft)
    assert error.value.refusals[0].code == "cycle_limit"
    assert fresh(third_draft).state == S.DRAFT
    # Withdrawing frees a place.
    withdraw(one)
    assert fresh(one).state == S.WITHDRAWN and fresh(one).mentee_rank is None
    third_application = submit(fresh(third_draft))
    assert third_application.state == S.SUBMITTED
    # Re-applying to the withdrawn term counts against the limit like any application...
    with pytest.raises(services_common.ApplyRefused):
        start(mentee, first)
    withdraw(third_application)
    # ... and creates a new application once there is room.
    again = submit(fill(start(mentee, first)))
    assert again.pk != one.pk and again.state == S.SUBMITTED
    assert (
        Application.objects.with_scopes_disabled()
        .filter(applicant=mentee, state__in=[S.SUBMITTED, S.ACCEPTED])
        .count()
        == 2
    )


def test_reapplying_after_withdrawal_needs_the_term_to_accept_applications(mentee, term_a):
    application = submit(fill(start(mentee, term_a)))
    withdraw(application)
    with time_machine.travel(term_a.applications_close_at + SECOND, tick=False):
        with pytest.raises(services_common.ApplyRefused) as error:
            start(mentee, term_a)
    assert error.value.refusals[0].code == "not_accepting"


def test_a_draft_can_be_discarded(mentee, term_a):
    application = withdraw(start(mentee, term_a))
    assert application.state == S.WITHDRAWN
    assert start(mentee, term_a).pk != application.pk


@pytest.mark.parametrize("state", [S.ACCEPTED, S.DECLINED])
def test_decided_applications_cannot_be_withdrawn_and_hidden_decisions_stay_hidden(
    mentee, term_a, state
):
    application = ApplicationFactory(term=term_a, applicant=mentee, state=state)
    with pytest.raises(ValidationError) as error:
        withdraw(application)
    message = error.value.messages[0]
    assert "accepted" not in message and "declined" not in message  # not announced yet
    assert "Results are announced" in message
    with time_machine.travel(term_a.cycle.results_announced_at + SECOND, tick=False):
        with pytest.raises(ValidationError):
            withdraw(application)
    assert fresh(application).state == state


def test_withdrawn_applications_are_withdrawn_forever(mentee, term_a):
    application = withdraw(submit(fill(start(mentee, term_a))))
    with pytest.raises(ValidationError, match="withdrawn"):
        withdraw(application)


# --- what the mentee sees -----------------------------------------------------------------------


def test_decisions_show_only_from_the_announcement(mentee, term_a):
    application = ApplicationFactory(term=term_a, applicant=mentee, state=S.ACCEPTED)
    (group,) = my_applications_by_cycle(user=mentee)
    assert group.ranked[0].state_label == "Submitted"
    assert "accept" not in group.ranked[0].next_step.lower()
    with time_machine.travel(application.cycle.results_announced_at, tick=False):
        (group,) = my_applications_by_cycle(user=mentee, now=timezone.now())
    assert group.ranked[0].state_label == "Accepted"


def test_a_submission_refreshes_the_country_choices_of_its_terms_dashboard(
    mentee, term_a, django_capture_on_commit_callbacks
):
    """The dashboard keeps a term's applicants' countries ten minutes
    (term_applicant_countries): a new applicant's country shows at once all the same."""
    from accounts.people.models import MenteeProfile
    from applications.review.selectors.dashboard import term_applicant_countries

    MenteeProfile.objects.filter(user=mentee).update(country="KE")
    with scope(organization=term_a.organization):
        assert "KE" not in term_applicant_countries(term=term_a)  # read and kept
        application = fill(start(mentee, term_a))
        with django_capture_on_commit_callbacks(execute=True):
            submit(application)
        assert "KE" in term_applicant_countries(term=term_a)
