"""The review demo: aurora's open term has about 40 submitted applicants, reviews by two
mentors and the coordinator, and one declared conflict; loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from applications.apply.models import Application
from applications.review.models import ConflictOfInterest, Review
from programs.terms.models import TermMentor

pytestmark = pytest.mark.django_db


def _counts():
    with scopes_disabled():
        applications = Application.objects.filter(
            term__program__slug="kernel-mentorship", state="submitted"
        )
        reviewers = set(
            Review.objects.filter(application__in=applications).values_list(
                "reviewer__email", flat=True
            )
        )
        return (
            applications.count(),
            Review.objects.count(),
            ConflictOfInterest.objects.count(),
            reviewers,
        )


def test_demo_reviews_load_twice_without_duplicates():
    call_command("load_demo")
    submitted, reviews, conflicts, reviewers = _counts()
    assert submitted >= 40 and conflicts == 1 and reviews > 40
    assert reviewers == {
        "mentor.aurora@example.org",
        "mentor2.aurora@example.org",
        "coordinator.aurora@example.org",
    }
    with scopes_disabled():
        mentors = set(
            TermMentor.objects.filter(term__program__slug="kernel-mentorship").values_list(
                "user__email", flat=True
            )
        )
    assert {"mentor.aurora@example.org", "mentor2.aurora@example.org"} <= mentors
    call_command("load_demo")
    assert _counts() == (submitted, reviews, conflicts, reviewers)
