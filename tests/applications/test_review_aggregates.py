"""The review figures kept on the application (reviews that count, "not acceptable" ones,
average score): right after a review is written, edited or recused, when reviews are
written in bulk, and when reviewers save at the same moment."""

import threading
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import connection
from django_scopes import scope, scopes_disabled

from accounts.organizations.models import Role
from applications.apply.models import Application
from applications.review.models import Review
from applications.review.services import (
    conflict_declare,
    review_save,
    term_review_aggregates_recount,
)
from tests.applications.review_data import ReviewWorld, load_applicants, make_applicant
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    return ReviewWorld(org_a, org_b, cycle)


def _save(w, application, reviewer, score=None, **extra):
    values = {k: score for k in ("skills", "motivation", "communication", "availability")}
    with scope(organization=w.a.organization):
        return review_save(application=application, reviewer=reviewer, **{**values, **extra})


def _figures(application):
    with scopes_disabled():
        row = Application.objects.get(pk=application.pk)
    return row.reviews_counted, row.reviews_not_acceptable, row.reviews_average


def test_figures_follow_reviews_written_edited_and_recused(w):
    ada = make_applicant(w.term, name="Ada")
    assert _figures(ada) == (0, 0, None)
    _save(w, ada, w.a.mentor, 5)
    assert _figures(ada) == (1, 0, Decimal("5.00"))
    _save(w, ada, w.a.coordinator, 2)
    assert _figures(ada) == (2, 0, Decimal("3.50"))
    _save(w, ada, w.a.coordinator, 3)  # an edit replaces, never adds
    assert _figures(ada) == (2, 0, Decimal("4.00"))
    _save(w, ada, w.a.admin, not_acceptable=True)
    assert _figures(ada) == (3, 1, Decimal("4.00"))  # counted apart, never averaged
    with scope(organization=w.a.organization):
        conflict_declare(application=ada, reviewer=w.a.mentor, kind="family")
    assert _figures(ada) == (2, 1, Decimal("3.00"))  # the recused review no longer counts


def test_average_rounds_half_up_like_a_review_score(w):
    ada = make_applicant(w.term, name="Ada")
    _save(w, ada, w.a.mentor, skills=4, motivation=4, communication=4, availability=5)
    _save(w, ada, w.a.coordinator, 4)
    # 4.25 and 4.00: 4.125 is shown as 4.13.
    assert _figures(ada)[2] == Decimal("4.13")


def test_bulk_recount_matches_the_reviews(w):
    applications = load_applicants(w.term, 30, reviewers=[w.a.mentor, w.a.coordinator])
    with scopes_disabled():
        Review.objects.filter(application=applications[0], reviewer=w.a.mentor).update(
            score=None, not_acceptable=True
        )
        Review.objects.filter(application=applications[1]).delete()
        term_review_aggregates_recount(term=w.term)
        for application in Application.objects.filter(term=w.term):
            counted = Review.objects.filter(application=application, recused=False)
            scores = [r.score for r in counted if not r.not_acceptable]
            expected = (
                (sum(scores) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if scores
                else None
            )
            assert application.reviews_counted == counted.count()
            assert application.reviews_not_acceptable == sum(r.not_acceptable for r in counted)
            assert application.reviews_average == expected, application.pk


def _race(w, target, reviewers) -> list[str]:
    """Each reviewer saves a review of `target` in its own thread, all released at once."""
    barrier = threading.Barrier(len(reviewers))
    errors: list[str] = []

    def run(reviewer, score):
        try:
            barrier.wait()
            _save(w, target, reviewer, score)
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(r, 1 + n % 5)) for n, r in enumerate(reviewers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_reviewers_saving_at_once_are_all_counted(w):
    reviewers = [w.a.mentor, w.a.coordinator, w.a.admin]
    for i in range(2):
        extra = UserFactory(email=f"race{i}@alpha.test")
        MembershipFactory(organization=w.a.organization, user=extra, role=Role.COORDINATOR)
        reviewers.append(extra)
    for round_ in range(3):
        target = make_applicant(w.term, name=f"Raced {round_}")
        errors = _race(w, target, reviewers)
        assert not errors
        scores = [Decimal(1 + n % 5) for n in range(len(reviewers))]
        average = (sum(scores) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert _figures(target) == (len(reviewers), 0, average)
