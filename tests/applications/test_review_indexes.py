"""The skill filter is written so that PostgreSQL can answer it from an index (checked on
the plan with sequential scans discouraged: the tables here are tiny)."""

from decimal import Decimal

import pytest
from django.db import connection
from django_scopes import scope

from accounts.people.models import MenteeProfile
from applications.review.filters import ApplicantFilterSet
from applications.review.selectors.access import review_term_get
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
    plan = _plan(MenteeProfile.objects.filter(skill_names__contains=["python"]))
    assert "mentee_profile_skill_names_gin" in plan
    # The stored column is compared as it is: no expression rechecked per profile.
    assert "jsonb_path_query_array" not in plan
    with scope(organization=w.a.organization):
        context = review_term_get(user=w.a.mentor, organization=w.a.organization, pk=w.term.pk)

        def names(skill):
            filterset = ApplicantFilterSet({"skill": skill}, context=context)
            return [a.applicant.name for a in filterset.qs]

        assert names("pYTHON") == ["Ada"]
        assert names("linux KERNEL") == ["Ada"]
        assert names("Linux") == []  # a whole name, not a part of one


def test_the_stored_skill_names_follow_every_write_of_the_skills(w):
    """The database writes skill_names from skills, so a profile saved by the service, by
    a bulk update or by SQL is found by its new skills and not by its old ones."""
    from accounts.people.services import mentee_profile_update

    ada = MenteeProfile.objects.get(legal_name="Ada")
    assert ada.skill_names == ["python", "linux kernel"]
    mentee_profile_update(user=ada.user, actor=ada.user, skills=[{"name": "Go", "level": "expert"}])
    ada.refresh_from_db()
    assert ada.skill_names == ["go"]
    MenteeProfile.objects.filter(pk=ada.pk).update(skills=[{"name": "ZIG", "level": "x"}])
    assert list(
        MenteeProfile.objects.filter(skill_names__contains=["zig"]).values_list(
            "legal_name", flat=True
        )
    ) == ["Ada"]
    assert not MenteeProfile.objects.filter(skill_names__contains=["go"]).exists()


def test_a_viewer_without_conflicts_sorts_by_score_from_the_index(w):
    """No conflict in the term: the score is the column itself, so the best-first page is
    read from the start of `application_term_best`; with a conflict the hidden scores
    still sort last."""
    from applications.review.selectors.dashboard import applicants_order, applicants_sorted
    from applications.review.services import conflict_declare, review_save
    from core.pagination import keyset_order

    with scope(organization=w.a.organization):
        ada, bo = (a for a in w.term.applications.order_by("id"))
        review_save(
            application=ada,
            reviewer=w.a.coordinator,
            skills=5,
            motivation=5,
            communication=5,
            availability=5,
        )
        review_save(
            application=bo,
            reviewer=w.a.coordinator,
            skills=2,
            motivation=2,
            communication=2,
            availability=2,
        )
        context = review_term_get(user=w.a.mentor, organization=w.a.organization, pk=w.term.pk)
        assert context.has_conflicts is False
        listed = ApplicantFilterSet({"sort": "-score"}, context=context).qs
        ids = listed.order_by(*keyset_order(applicants_order("-score"))).values("pk")[:26]
        with connection.cursor() as cursor:  # the tables are tiny: no sort is what a big
            cursor.execute("SET LOCAL enable_sort = off")  # term's plan looks like
            cursor.execute("SET LOCAL enable_bitmapscan = off")
        assert "application_term_best" in _plan(ids)
        assert [a.applicant.name for a in listed] == ["Ada", "Bo"]
        conflict_declare(application=ada, reviewer=w.a.mentor, kind="close_friend")
        context = review_term_get(user=w.a.mentor, organization=w.a.organization, pk=w.term.pk)
        assert context.has_conflicts is True
        rows = list(applicants_sorted(ApplicantFilterSet({}, context=context).qs, sort="-score"))
        assert [(a.applicant.name, a.average_score) for a in rows] == [
            ("Bo", Decimal("2.00")),
            ("Ada", None),  # hidden from the conflicted viewer, and sorted last
        ]
