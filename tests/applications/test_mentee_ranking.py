"""The mentee's ranking of their submitted applications in a cycle, across organizations:
new submissions go last, moving up and down, withdrawing closes the gap, setting the whole
ranking, what cannot be ranked, and the ranking frozen once results are announced."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.mine import my_applications_by_cycle
from applications.apply.services import ranking as services_ranking
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import (
    fill,
    start,
    submit,
    withdraw,
)
from tests.factories.programs import ProgramFactory, make_term

pytestmark = pytest.mark.django_db
S = ApplicationState
SECOND = timedelta(seconds=1)


def _rank(user, cycle):
    return [
        a.term_id
        for a in Application.objects.with_scopes_disabled()
        .filter(applicant=user, cycle=cycle, mentee_rank__isnull=False)
        .order_by("mentee_rank")
    ]


@pytest.fixture
def three_terms(org_a, org_b, cycle):
    return [
        make_term(ProgramFactory(organization=org.organization, name=name), cycle)
        for org, name in ((org_a, "Rank A"), (org_b, "Rank B"), (org_a, "Rank C"))
    ]


def test_a_new_submission_goes_last_and_drafts_are_not_ranked(mentee, three_terms, cycle):
    a, b, c = three_terms
    submit(fill(start(mentee, a)))
    start(mentee, c)
    submit(fill(start(mentee, b)))
    assert _rank(mentee, cycle) == [a.pk, b.pk]


def test_moving_up_and_down_reorders_across_organizations(mentee, three_terms, cycle):
    apps = [submit(fill(start(mentee, term))) for term in three_terms]
    services_ranking.application_rank_move(application=apps[2], actor=mentee, direction="up")
    assert _rank(mentee, cycle) == [three_terms[0].pk, three_terms[2].pk, three_terms[1].pk]
    services_ranking.application_rank_move(application=apps[0], actor=mentee, direction="down")
    assert _rank(mentee, cycle) == [three_terms[2].pk, three_terms[0].pk, three_terms[1].pk]
    # The top one cannot go higher; nothing changes.
    services_ranking.application_rank_move(application=apps[2], actor=mentee, direction="up")
    assert _rank(mentee, cycle) == [three_terms[2].pk, three_terms[0].pk, three_terms[1].pk]


def test_withdrawing_closes_the_gap_in_the_ranking(mentee, three_terms, cycle):
    apps = [submit(fill(start(mentee, term))) for term in three_terms]
    withdraw(apps[0])
    ranks = sorted(
        Application.objects.with_scopes_disabled()
        .filter(applicant=mentee, mentee_rank__isnull=False)
        .values_list("mentee_rank", flat=True)
    )
    assert ranks == [1, 2]


def test_the_whole_ranking_can_be_set_once_each(mentee, three_terms, cycle):
    apps = [submit(fill(start(mentee, term))) for term in three_terms]
    order = [apps[1].public_id, apps[2].public_id, apps[0].public_id]
    services_ranking.application_ranking_set(user=mentee, cycle=cycle, order=order)
    assert _rank(mentee, cycle) == [three_terms[1].pk, three_terms[2].pk, three_terms[0].pk]
    for bad in (order[:2], [*order, order[0]], [order[0], order[0], order[1]]):
        with pytest.raises(ValidationError) as error:
            services_ranking.application_ranking_set(user=mentee, cycle=cycle, order=bad)
        assert "order" in error.value.message_dict


def test_drafts_and_other_peoples_applications_are_not_rankable(
    mentee, other_mentee, three_terms, cycle
):
    mine = submit(fill(start(mentee, three_terms[0])))
    draft = start(mentee, three_terms[1])
    theirs = submit(fill(start(other_mentee, three_terms[1])))
    with pytest.raises(ValidationError, match="Only submitted"):
        services_ranking.application_rank_move(application=draft, actor=mentee, direction="up")
    with pytest.raises(ValidationError):
        services_ranking.application_rank_move(application=theirs, actor=mentee, direction="up")
    with pytest.raises(ValidationError):
        services_ranking.application_ranking_set(
            user=mentee, cycle=cycle, order=[mine.public_id, theirs.public_id]
        )
    with pytest.raises(ValidationError):
        services_ranking.application_rank_move(application=mine, actor=mentee, direction="sideways")


def test_the_ranking_is_final_once_results_are_announced(mentee, three_terms, cycle):
    apps = [submit(fill(start(mentee, term))) for term in three_terms[:2]]
    with time_machine.travel(cycle.results_announced_at, tick=False):
        with pytest.raises(ValidationError, match="final"):
            services_ranking.application_rank_move(
                application=apps[1], actor=mentee, direction="up"
            )
        with pytest.raises(ValidationError, match="final"):
            services_ranking.application_ranking_set(
                user=mentee, cycle=cycle, order=[a.public_id for a in reversed(apps)]
            )
        groups = my_applications_by_cycle(user=mentee)
        assert not groups[0].ranking_editable
