"""Reviews (scores, not acceptable, notes, edits kept), conflicts of interest and the
shortlist: the services' rules and the pages, inline (HTMX) and without JavaScript."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scope

from accounts.organizations.services import organization_policy_update
from applications.review.models import Review, ReviewRevision
from applications.review.selectors.access import reviewer_has_conflict
from applications.review.services import (
    application_shortlist,
    conflict_declare,
    review_save,
)
from core.audit.models import AuditEvent
from tests.applications.review_data import ReviewWorld, make_applicant
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
SCORES = {"skills": 4, "motivation": 5, "communication": 3, "availability": 4}


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


@pytest.fixture
def application(w):
    return make_applicant(w.term, name="Ada Applicant")


def _url(w, name, application):
    return reverse(
        f"applications:{name}", kwargs={"org": w.slug, "application": application.public_id}
    )


def _save(w, application, reviewer, **fields):
    with scope(organization=w.a.organization):
        return review_save(application=application, reviewer=reviewer, **fields)


def test_a_review_scores_the_mean_of_the_rubric_and_edits_keep_the_previous_version(w, application):
    review = _save(w, application, w.a.mentor, notes="Strong kernel patches.", **SCORES)
    assert review.score == Decimal("4.00")
    review = _save(w, application, w.a.mentor, **{**SCORES, "skills": 5}, notes="Even better.")
    assert review.score == Decimal("4.25") and review.revision == 2
    with scope(organization=w.a.organization):
        earlier = ReviewRevision.objects.get(review=review)
        assert (earlier.revision, earlier.skills, earlier.notes) == (
            1,
            4,
            "Strong kernel patches.",
        )
        assert Review.objects.filter(application=application).count() == 1
        actions = list(
            AuditEvent.objects.filter(object_type="applications.review").values_list(
                "action", flat=True
            )
        )
    assert sorted(actions) == ["review.created", "review.updated"]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({**SCORES, "skills": None}, "skills"),
        ({**SCORES, "motivation": 6}, "motivation"),
        ({**SCORES, "communication": 0}, "communication"),
        ({**SCORES, "availability": "lots"}, "availability"),
    ],
)
def test_each_criterion_is_required_from_1_to_5(w, application, fields, field):
    with pytest.raises(ValidationError) as error:
        _save(w, application, w.a.mentor, **fields)
    assert field in error.value.message_dict
    with scope(organization=w.a.organization):
        assert not Review.objects.exists()


def test_not_acceptable_needs_no_scores_and_does_not_count_in_the_average(w, application):
    _save(w, application, w.a.mentor, not_acceptable=True, notes="Plagiarized challenge.")
    _save(w, application, w.a.coordinator, **SCORES)
    page = client_for(w.a.admin).get(
        reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    )
    row = page.context["page"].object_list[0]
    assert row.average_score == Decimal("4.00")
    assert (row.review_count, row.not_acceptable_count) == (2, 1)


def test_only_the_terms_reviewers_and_only_submitted_applications(w, application):
    with pytest.raises(PermissionDenied):
        _save(w, application, w.other_mentor, **SCORES)
    withdrawn = make_applicant(w.term, name="Gone Person", state="withdrawn")
    with pytest.raises(ValidationError):
        _save(w, withdrawn, w.a.admin, **SCORES)


def test_reviewing_without_javascript_redirects_back_to_the_dashboard(w, application):
    client = client_for(w.a.mentor)
    back = f"/o/{w.slug}/review/terms/{w.term.pk}/?unreviewed=on"
    answer = client.post(
        _url(w, "review-save", application), {**SCORES, "notes": "Good.", "next": back}
    )
    assert answer.status_code == 302 and answer["Location"] == back
    evil = client.post(
        _url(w, "review-save", application), {**SCORES, "next": "https://evil.example/"}
    )
    assert evil["Location"] == _url(w, "review-applicant", application)


def test_a_bad_review_shows_the_errors_next_to_the_fields(w, application):
    answer = client_for(w.a.mentor).post(_url(w, "review-save", application), {"skills": 4})
    assert answer.status_code == 400
    assert "from 1 to 5" in answer.content.decode()


def test_inline_review_redraws_the_row_and_the_progress_bar(w, application):
    client = client_for(w.a.mentor)
    form = client.get(_url(w, "review-save", application) + "?inline=1", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<form" in form.content.decode()
    answer = client.post(
        _url(w, "review-save", application),
        {**SCORES, "inline": "1"},
        HTTP_HX_REQUEST="true",
    )
    body = answer.content.decode()
    assert answer.status_code == 200
    assert f'id="applicant-{application.public_id}"' in body
    assert 'hx-swap-oob="true"' in body and "1 of 1 reviewed" in body


def test_a_conflict_hides_reviews_and_blocks_reviewing_and_shortlisting(w, application):
    _save(w, application, w.a.coordinator, notes="Coordinator thinks: superb.", **SCORES)
    _save(w, application, w.a.mentor, **{**SCORES, "skills": 1})
    client = client_for(w.a.mentor)
    answer = client.post(
        _url(w, "review-conflict", application), {"kind": "close_friend", "note": "Roommate."}
    )
    assert answer.status_code == 302
    assert reviewer_has_conflict(w.a.mentor, application)
    page = client.get(_url(w, "review-applicant", application)).content.decode()
    assert "superb" not in page and "Score <strong>" not in page
    assert "declared a conflict of interest" in page
    dashboard = client.get(
        reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk})
    )
    row = dashboard.context["page"].object_list[0]
    assert row.average_score is None and row.review_count is None
    assert client.post(_url(w, "review-save", application), SCORES).status_code == 403
    with pytest.raises(PermissionDenied):
        _save(w, application, w.a.mentor, **SCORES)
    # The mentor's earlier review no longer counts; others see the average without it.
    admin_row = (
        client_for(w.a.admin)
        .get(reverse("applications:review-dashboard", kwargs={"org": w.slug, "term": w.term.pk}))
        .context["page"]
        .object_list[0]
    )
    assert admin_row.average_score == Decimal("4.00") and admin_row.review_count == 1
    # The recusal is visible to admins.
    admin_page = client_for(w.a.admin).get(_url(w, "review-applicant", application))
    assert "Close friend" in admin_page.content.decode()
    conflicts = client_for(w.a.admin).get(
        reverse("applications:review-conflicts", kwargs={"org": w.slug})
    )
    assert "Roommate." in conflicts.content.decode()
    assert (
        client_for(w.a.mentor)
        .get(reverse("applications:review-conflicts", kwargs={"org": w.slug}))
        .status_code
        == 403
    )


def test_a_conflict_is_declared_once_and_only_with_a_known_relationship(w, application):
    with scope(organization=w.a.organization):
        with pytest.raises(ValidationError):
            conflict_declare(application=application, reviewer=w.a.mentor, kind="rival")
        conflict_declare(application=application, reviewer=w.a.mentor, kind="employer")
        with pytest.raises(ValidationError):
            conflict_declare(application=application, reviewer=w.a.mentor, kind="family")
        with pytest.raises(PermissionDenied):
            conflict_declare(application=application, reviewer=w.other_mentor, kind="family")


def test_private_notes_are_read_by_their_author_and_admins_only(w, application):
    _save(w, application, w.a.coordinator, notes="Coordinator secret note.", **SCORES)
    url = _url(w, "review-applicant", application)
    assert "Coordinator secret note." not in client_for(w.a.mentor).get(url).content.decode()
    assert "Coordinator secret note." in client_for(w.a.coordinator).get(url).content.decode()
    assert "Coordinator secret note." in client_for(w.a.admin).get(url).content.decode()


def test_shortlist_by_coordinators_and_by_mentors_only_where_allowed(w, application):
    url = _url(w, "review-shortlist", application)
    assert client_for(w.a.mentor).post(url, {"shortlisted": "1"}).status_code == 403
    assert client_for(w.a.coordinator).post(url, {"shortlisted": "1"}).status_code == 302
    application.refresh_from_db()
    assert application.shortlisted
    with scope(organization=w.a.organization):
        organization_policy_update(
            organization=w.a.organization, actor=w.a.admin, mentors_may_shortlist=True
        )
    assert client_for(w.a.mentor).post(url, {"shortlisted": "0"}).status_code == 302
    application.refresh_from_db()
    assert not application.shortlisted
    # The flag's history shows on the applicant page.
    page = client_for(w.a.mentor).get(_url(w, "review-applicant", application)).content.decode()
    assert "Shortlisted" in page and "Removed from the shortlist" in page  # in words
    # A mentor of another term never shortlists here.
    with scope(organization=w.a.organization), pytest.raises(PermissionDenied):
        application_shortlist(application=application, actor=w.other_mentor, shortlisted=True)


def test_the_kept_reviewing_progress_follows_every_change_of_its_counts(
    w, application, django_capture_on_commit_callbacks
):
    """The dashboard keeps each term's progress counts (review_progress): a review, a
    conflict, a new applicant, a withdrawal and a new mentor all show on the next view."""
    from applications.apply.services.transitions import application_transition
    from applications.review.selectors.progress import review_progress
    from programs.terms.services.mentors import term_mentor_add

    def counts():
        with scope(organization=w.a.organization):
            rows = review_progress(term=w.term)
        return {r.reviewer.email: (r.reviewed, r.conflicts, r.to_review) for r in rows}

    mentor = w.a.mentor.email
    assert counts() == {mentor: (0, 0, 1)}
    _save(w, application, w.a.mentor, **SCORES)
    assert counts() == {mentor: (1, 0, 1)}
    bo = make_applicant(w.term, name="Bo Applicant", state="draft")
    with scope(organization=w.a.organization):
        application_transition(application=bo, to_state="submitted", actor=bo.applicant)
    assert counts() == {mentor: (1, 0, 2)}
    with scope(organization=w.a.organization):
        conflict_declare(application=bo, reviewer=w.a.mentor, kind="close_friend")
    assert counts() == {mentor: (1, 1, 1)}
    with scope(organization=w.a.organization):
        application_transition(application=application, to_state="withdrawn", actor=None)
    assert counts() == {mentor: (0, 1, 0)}
    with scope(organization=w.a.organization), django_capture_on_commit_callbacks(execute=True):
        term_mentor_add(term=w.term, actor=None, user=w.other_mentor)
    assert counts() == {mentor: (0, 1, 0), w.other_mentor.email: (0, 0, 1)}
