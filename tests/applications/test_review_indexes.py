"""The skill filter is written so that PostgreSQL can answer it from an index (checked on
the plan with sequential scans discouraged: the tables here are tiny)."""

import pytest
from django.db import connection
from django_scopes import scope

from accounts.people.models import MenteeProfile
from applications.review.filters import ApplicantFilterSet
from applications.review.selectors.access import review_term_get
from applications.review.selectors.dashboard import skill_names_expression
from tests.applications.review_data import ReviewWorld, make_applicant

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(org_a, org_b, cycle):
    world = ReviewWorld(org_a, org_b, cycle)
    make_applicant(world.term, name="Ada", skills=["Python", "Linux kernel"])
    make_applicant(world.term, name="Bo", skills=["Rust"])
    return world


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_skill_filter_is_an_index_lookup_whatever_the_case(w):
    profiles = MenteeProfile.objects.alias(skill_names=skill_names_expression("skills"))
    assert "mentee_profile_skill_names" in _plan(profiles.filter(skill_names__contains=["python"]))
    with scope(organization=w.a.organization):
        context = review_term_get(user=w.a.mentor, organization=w.a.organization, pk=w.term.pk)

        def names(skill):
            filterset = ApplicantFilterSet({"skill": skill}, context=context)
            return [a.applicant.name for a in filterset.qs]

        assert names("pYTHON") == ["Ada"]
        assert names("linux KERNEL") == ["Ada"]
        assert names("Linux") == []  # a whole name, not a part of one
