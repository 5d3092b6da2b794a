import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django_scopes import scope

from applications.apply.models import Application, ApplicationState
from applications.apply.services.transitions import TRANSITIONS, application_transition
from applications.decisions.selectors import application_history
from programs.terms.selectors import term_applicant_counts
from tests.factories.applications import ApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def _move(application, to_state, actor=None, reason=""):
    with scope(organization=application.organization):
        return application_transition(
            application=application, to_state=to_state, actor=actor, reason=reason
        )


@pytest.mark.parametrize("from_state,to_state", sorted(TRANSITIONS))
def test_every_allowed_move_sets_its_timestamp_and_is_recorded(term_a, from_state, to_state):
    application = ApplicationFactory(term=term_a, state=from_state)
    _move(application, to_state, actor=application.applicant, reason="because")
    application.refresh_from_db()
    assert application.state == to_state
    stamp = TRANSITIONS[(from_state, to_state)]
    assert getattr(application, stamp) is not None
    with scope(organization=application.organization):
        (event,) = application_history(application=application)
    assert (event.from_state, event.to_state, event.reason, event.actor) == (
        from_state,
        to_state,
        "because",
        application.applicant,
    )


@pytest.mark.parametrize("from_state", list(S))
@pytest.mark.parametrize("to_state", list(S))
def test_every_other_move_is_refused_with_a_sentence(term_a, from_state, to_state):
    if (from_state, to_state) in TRANSITIONS:
        pytest.skip("allowed move")
    application = ApplicationFactory(term=term_a, state=from_state)
    with pytest.raises(ValidationError) as error:
        _move(application, to_state)
    assert error.value.messages[0].endswith(".")
    application.refresh_from_db()
    assert application.state == from_state
    with scope(organization=application.organization):
        assert not application_history(application=application).exists()


def test_a_stale_copy_cannot_move_an_application_twice(term_a):
    application = ApplicationFactory(term=term_a, state=S.SUBMITTED)
    stale = Application.objects.with_scopes_disabled().get(pk=application.pk)
    _move(application, S.ACCEPTED)
    with pytest.raises(ValidationError, match="already accepted"):
        _move(stale, S.DECLINED)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_moves_of_one_application_apply_once(term_a):
    application = ApplicationFactory(term=term_a, state=S.SUBMITTED)
    barrier = threading.Barrier(2)
    results = []

    def decide(to_state):
        copy = Application.objects.with_scopes_disabled().get(pk=application.pk)
        barrier.wait()
        try:
            _move(copy, to_state)
            results.append(to_state)
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(s,)) for s in (S.ACCEPTED, S.DECLINED)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count("refused") == 1
    with scope(organization=application.organization):
        assert application_history(application=application).count() == 1


def test_one_live_application_per_person_and_term_but_reapplying_after_withdrawal(term_a):
    first = ApplicationFactory(term=term_a, state=S.WITHDRAWN)
    ApplicationFactory(term=term_a, applicant=first.applicant, state=S.DRAFT)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(term=term_a, applicant=first.applicant, state=S.SUBMITTED)


def test_applicant_counts_leave_out_drafts_and_withdrawals(term_a, term_b):
    for state in (S.DRAFT, S.SUBMITTED, S.SUBMITTED, S.ACCEPTED, S.DECLINED, S.WITHDRAWN):
        ApplicationFactory(term=term_a, state=state)
    ApplicationFactory(term=term_b, state=S.SUBMITTED)
    with scope(organization=term_a.organization):
        assert term_applicant_counts([term_a]) == {term_a.pk: 4}
