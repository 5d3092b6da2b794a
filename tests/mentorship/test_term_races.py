"""Verdicts under any timing, with threads on PostgreSQL: a mentor and an admin answering
the same checkpoint at once give one verdict (the mentorship row lock, and the
compare-and-set of the move behind it); two extensions at once never pass the 5-week limit
nor move the dates twice (only the lock holds that one)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django_scopes import scope, scopes_disabled

from mentorship.evaluations.models import Evaluation, EvaluationVerdict
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.mentorships.models import Mentorship
from tests.factories.mentorship import confirmed_mentorship

ROUNDS = 3


def _race(evaluation_pk, jobs) -> list[str]:
    barrier = threading.Barrier(len(jobs))
    results: list[str] = []

    def run(actor, verdict, weeks):
        try:
            with scopes_disabled():
                evaluation = Evaluation.objects.select_related("mentorship__term").get(
                    pk=evaluation_pk
                )
            barrier.wait()
            with scope(organization=evaluation.organization_id):
                evaluation_verdict(
                    evaluation=evaluation,
                    actor=actor,
                    verdict=verdict,
                    weeks=weeks,
                    progress=3,
                    communication=3,
                    now=evaluation.due_at,
                )
            results.append("given")
        except ValidationError as error:
            results.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_once_give_one_verdict(org_a):
    for _ in range(ROUNDS):
        mentorship = confirmed_mentorship(org_a)
        with scope(organization=org_a.organization):
            midterm = mentorship.evaluations.get(kind="midterm")
        results = _race(midterm.pk, [(org_a.mentor, "pass", 0), (org_a.admin, "pass", 0)])
        assert results.count("given") == 1, results
        with scopes_disabled():
            assert EvaluationVerdict.objects.filter(evaluation=midterm).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_extensions_at_once_stay_within_five_weeks(org_a):
    for _ in range(ROUNDS):
        mentorship = confirmed_mentorship(org_a)
        with scope(organization=org_a.organization):
            midterm = mentorship.evaluations.get(kind="midterm")
        results = _race(midterm.pk, [(org_a.mentor, "extend", 3), (org_a.admin, "extend", 3)])
        assert results.count("given") == 1, results
        with scopes_disabled():
            moved = Mentorship.objects.get(pk=mentorship.pk)
            assert moved.extension_weeks == 3
            before = mentorship.midterm_at
            assert (moved.midterm_at - before).days == 21
