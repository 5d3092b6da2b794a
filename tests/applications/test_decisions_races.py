"""The rules that must hold under any timing, with threads on PostgreSQL: two admins
accepting the last slot at once, two organizations accepting the same mentee at once, a
double click. Each race runs several rounds; without the term lock AND the slot
constraints (or without the placement's unique constraint) these tests fail."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django_scopes import scope, scopes_disabled

from accounts.organizations.models import Role
from applications.apply.models import Application, ApplicationState
from applications.decisions.models import Placement, TermSlot
from applications.decisions.services.accept import application_accept
from tests.factories.accounts import MembershipFactory, UserFactory
from tests.factories.applications import ApplicationFactory
from tests.factories.programs import ProgramFactory, make_term

S = ApplicationState
ROUNDS = 5


def _race(jobs) -> list[str]:
    """Runs each (application pk, actor) accept in its own thread, all released together;
    returns "accepted" or the refusal's message per job."""
    barrier = threading.Barrier(len(jobs))
    results: list[str] = []

    def run(pk, actor):
        try:
            with scopes_disabled():
                application = Application.objects.select_related("organization").get(pk=pk)
            barrier.wait()
            with scope(organization=application.organization):
                application_accept(application=application, actor=actor)
            results.append("accepted")
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
def test_admins_accepting_the_last_slot_at_once_end_with_exactly_one_acceptance(org_a, cycle):
    second_admin = UserFactory(email="second.admin@alpha.test")
    MembershipFactory(organization=org_a.organization, user=second_admin, role=Role.ADMIN)
    for round_ in range(ROUNDS):
        program = ProgramFactory(organization=org_a.organization, name=f"Race {round_}")
        term = make_term(program, cycle, capacity=1)
        applications = [ApplicationFactory(term=term) for _ in range(4)]
        admins = [org_a.admin, second_admin] * 2
        results = _race([(a.pk, admin) for a, admin in zip(applications, admins, strict=True)])
        assert results.count("accepted") == 1, results
        assert all("full" in r for r in results if r != "accepted"), results
        with scopes_disabled():
            assert Application.objects.filter(term=term, state=S.ACCEPTED).count() == 1
            assert TermSlot.objects.filter(term=term).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_organizations_accepting_the_same_mentee_at_once_end_with_one_acceptance(
    org_a, org_b, cycle
):
    for round_ in range(ROUNDS):
        mentee = UserFactory()
        term_a = make_term(
            ProgramFactory(organization=org_a.organization, name=f"A{round_}"), cycle
        )
        term_b = make_term(
            ProgramFactory(organization=org_b.organization, name=f"B{round_}"), cycle
        )
        in_a = ApplicationFactory(term=term_a, applicant=mentee)
        in_b = ApplicationFactory(term=term_b, applicant=mentee)
        results = _race([(in_a.pk, org_a.admin), (in_b.pk, org_b.admin)])
        assert results.count("accepted") == 1, results
        (refusal,) = [r for r in results if r != "accepted"]
        assert "already accepted by another program this cycle" in refusal
        with scopes_disabled():
            assert Application.objects.filter(applicant=mentee, state=S.ACCEPTED).count() == 1
            assert TermSlot.objects.filter(application__applicant=mentee).count() == 1
        assert Placement.objects.filter(applicant=mentee).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_accept_accepts_once(org_a, cycle):
    term = make_term(ProgramFactory(organization=org_a.organization), cycle, capacity=3)
    application = ApplicationFactory(term=term)
    results = _race([(application.pk, org_a.admin), (application.pk, org_a.admin)])
    assert sorted(results) == ["This application was already accepted.", "accepted"]
    with scopes_disabled():
        assert TermSlot.objects.filter(term=term).count() == 1


# The database refuses what the rules forbid, whatever the Python code does.


@pytest.mark.django_db
def test_the_database_refuses_a_slot_beyond_capacity_or_a_slot_taken_twice(term_a):
    first, second = ApplicationFactory(term=term_a), ApplicationFactory(term=term_a)
    with scopes_disabled():
        TermSlot.objects.create(
            organization=term_a.organization, term=term_a, number=1, capacity=1, application=first
        )
        for number, capacity in ((1, 3), (2, 1), (0, 1)):
            with pytest.raises(IntegrityError), transaction.atomic():
                TermSlot.objects.create(
                    organization=term_a.organization,
                    term=term_a,
                    number=number,
                    capacity=capacity,
                    application=second,
                )


@pytest.mark.django_db
def test_the_database_refuses_a_second_placement_in_a_cycle(term_a, term_b):
    mentee = UserFactory()
    in_a = ApplicationFactory(term=term_a, applicant=mentee)
    in_b = ApplicationFactory(term=term_b, applicant=mentee)
    Placement.objects.create(applicant=mentee, cycle=term_a.cycle, application=in_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(applicant=mentee, cycle=term_b.cycle, application=in_b)
