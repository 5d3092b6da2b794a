"""Rules under concurrency, on PostgreSQL with real threads: two submissions at the same
moment never exceed the cycle's limit (the applicant's row is locked before counting), and a
double click on Submit submits once (compare-and-set). Each test fails if its guard is
removed (checked by hand by deleting `_lock_applicant` from `application_submit`)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from applications.apply.services import submit as services
from applications.decisions.selectors import application_history
from tests.applications.mentee_fixtures import *  # noqa: F403
from tests.applications.mentee_fixtures import fill, start
from tests.factories.programs import CycleFactory, ProgramFactory, make_term

pytestmark = pytest.mark.django_db(transaction=True)
S = ApplicationState
ROUNDS = 4


def _submit_together(applications) -> list[str]:
    """Submits each application from its own thread, all released at the same instant."""
    barrier = threading.Barrier(len(applications))
    results: list[str] = []

    def run(application):
        try:
            copy = Application.objects.with_scopes_disabled().get(pk=application.pk)
            barrier.wait()
            with scope(organization=copy.organization):
                services.application_submit(application=copy, actor=copy.applicant)
            results.append("submitted")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_simultaneous_submissions_never_exceed_the_cycle_limit(mentee, org_a, org_b):
    for round_ in range(ROUNDS):
        cycle = CycleFactory(name=f"Race {round_}", max_active_applications=1)
        drafts = [
            fill(start(mentee, make_term(ProgramFactory(organization=org.organization), cycle)))
            for org in (org_a, org_b, org_a)
        ]
        results = _submit_together(drafts)
        assert results.count("submitted") == 1, results
        active = Application.objects.with_scopes_disabled().filter(
            applicant=mentee, cycle=cycle, state__in=[S.SUBMITTED, S.ACCEPTED]
        )
        assert active.count() == 1
        assert list(active.values_list("mentee_rank", flat=True)) == [1]


def test_a_double_click_on_submit_submits_once(mentee, term_a):
    application = fill(start(mentee, term_a))
    results = _submit_together([application, application])
    assert sorted(results) == ["This application was already submitted.", "submitted"]
    with scope(organization=term_a.organization):
        events = application_history(application=application).filter(to_state=S.SUBMITTED)
        assert events.count() == 1
    assert Application.objects.with_scopes_disabled().get(pk=application.pk).mentee_rank == 1


def test_simultaneous_submissions_rank_one_after_the_other(mentee, org_a, org_b, cycle):
    drafts = [
        fill(start(mentee, make_term(ProgramFactory(organization=org.organization), cycle)))
        for org in (org_a, org_b, org_a)
    ]
    assert _submit_together(drafts) == ["submitted"] * 3
    ranks = Application.objects.with_scopes_disabled().filter(applicant=mentee, cycle=cycle)
    assert sorted(ranks.values_list("mentee_rank", flat=True)) == [1, 2, 3]
