"""Stipend tables, policies and funded plans built through payments' services."""

import itertools
from datetime import date

from django_scopes import scope

from accounts.people.models import MenteeProfile
from payments.plans.services import policy_set
from payments.tables.defaults import tiers_csv
from payments.tables.models import StipendTable
from payments.tables.services import table_import
from tests.factories.accounts import UserFactory
from tests.factories.decisions import announced_cycle, term_in
from tests.factories.mentorship import confirmed_mentorship
from tests.factories.programs import ProgramFactory

_cycles = itertools.count(1)


def ppp_table(effective_from=date(2025, 1, 1), name="PPP tiers", csv_text=None, floor=None):
    existing = StipendTable.objects.filter(effective_from=effective_from).first()
    if existing is not None:
        return existing
    table, _, errors = table_import(
        actor=None,
        name=name,
        effective_from=effective_from,
        csv_text=csv_text or tiers_csv(),
        floor_amount=floor,
    )
    assert not errors, errors
    return table


def paid_program(tenant, *, kind="table", schedule=None, flat_amount=None, part_time_percent=100):
    program = ProgramFactory(organization=tenant.organization)
    with scope(organization=tenant.organization):
        policy_set(
            program=program,
            actor=tenant.admin,
            kind=kind,
            flat_amount=flat_amount,
            schedule=schedule,
            part_time_percent=part_time_percent,
        )
    return program


def stipend_mentorship(
    tenant, *, program=None, country="IN", term_kind="full_time", cycle=None, term=None, **kw
):
    ppp_table()
    program = program or paid_program(tenant, **kw)
    if term is None:
        cycle = cycle or announced_cycle(name=f"Stipend cycle {next(_cycles)}")
        term = term_in(program, cycle, capacity=50, kind=term_kind, primary_mentor=tenant.mentor)
    mentee = UserFactory()
    MenteeProfile.objects.update_or_create(user=mentee, defaults={"country": country})
    return confirmed_mentorship(tenant, term=term, mentee=mentee)


def pass_checkpoint(tenant, mentorship, kind="midterm"):
    """The mentor passes the checkpoint on its due day; returns its payout (or None)."""
    from mentorship.evaluations.services.verdicts import evaluation_verdict
    from payments.payouts.models import Payout

    with scope(organization=tenant.organization):
        evaluation = mentorship.evaluations.get(kind=kind)
        evaluation_verdict(
            evaluation=evaluation,
            actor=tenant.mentor,
            verdict="pass",
            progress=4,
            communication=4,
            now=evaluation.due_at,
        )
        return (
            Payout.objects.filter(mentorship=mentorship, installment__checkpoint=kind)
            .order_by("-id")
            .first()
        )


def many_payouts(tenant, payout, n: int, state="failed"):
    """`n` more payouts of the same installment, in a state that does not hold it (for
    list sizes; bulk-created like a long history of failed attempts)."""
    from payments.payouts.models import Payout

    with scope(organization=tenant.organization):
        Payout.objects.bulk_create(
            [
                Payout(
                    organization_id=payout.organization_id,
                    installment_id=payout.installment_id,
                    mentorship_id=payout.mentorship_id,
                    term_id=payout.term_id,
                    program_id=payout.program_id,
                    amount=payout.amount,
                    currency=payout.currency,
                    state=state,
                    reason=f"Attempt {i}",
                )
                for i in range(n)
            ],
            batch_size=1000,
        )
