"""Publishing a matching run: every placement accepted at once, under the same rules as a
direct accept (applications/decisions/services/accept.py)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.decisions.models import (
    Decision,
    DecisionOutcome,
    Offer,
    Placement,
    TermSlot,
)
from applications.decisions.services.accept import TERM_FULL, announce_if_due, offer_deadline
from core.audit.models import AuditEvent
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.terms.models import Term

S = ApplicationState


@cross_tenant
@transaction.atomic
def applications_accept_matched(
    *, application_ids: list[int], actor: User | None, reason: str
) -> int:
    """Accepts a published matching run's placements, all or nothing: the same rules as
    `application_accept`, checked for the whole set at once so the number of queries does
    not grow with it. The terms' rows are locked (in id order); every application must
    still be submitted; each term must have a free slot per placement (TermSlot rows,
    numbered within the capacity, unique per term); each mentee must hold no acceptance in
    the cycle yet (Placement rows, unique per mentee and cycle). The moves to `accepted` are
    one compare-and-set UPDATE, each audited; decisions and offers follow as for a direct
    accept. Cross-tenant because a run places mentees in every organization of its cycle;
    filtered by the application ids given. The caller (mentorship.runs) checks that the
    actor is platform staff."""
    ids = sorted(set(application_ids))
    if not ids:
        return 0
    term_ids = sorted(set(Application.objects.filter(pk__in=ids).values_list("term_id", flat=True)))
    locked = (
        Term.objects.select_for_update(of=("self",))
        .select_related("program")
        .filter(pk__in=term_ids)
        .order_by("pk")
    )
    terms = {term.pk: term for term in locked}
    # Only the columns the rules read: a run publishes tens of thousands at once.
    applications = list(
        Application.objects.filter(pk__in=ids).only(
            "pk", "state", "term_id", "cycle_id", "applicant_id", "organization_id"
        )
    )
    if len(applications) != len(ids):
        raise ValidationError(
            "An application of this run no longer exists: run the matching again."
        )
    changed = [a for a in applications if a.state != S.SUBMITTED]
    if changed:
        raise ValidationError(
            f"{len(changed)} application(s) of this run were withdrawn or decided since: run "
            "the matching again."
        )
    applicants = [a.applicant_id for a in applications]
    if len(set(applicants)) != len(applicants):
        raise ValidationError("A mentee appears twice in this run: a mentee holds one acceptance.")
    cycle_ids = {a.cycle_id for a in applications}
    cycles = {cycle.pk: cycle for cycle in Cycle.objects.filter(pk__in=cycle_ids)}
    for application in applications:
        application.cycle = cycles[application.cycle_id]
    held = Placement.objects.filter(cycle_id__in=cycle_ids, applicant_id__in=applicants)
    if held.exists():
        raise ValidationError(
            f"{held.count()} mentee(s) of this run were accepted elsewhere since: run the "
            "matching again."
        )
    taken: dict[int, set[int]] = {}
    for term_id, number in TermSlot.objects.filter(term_id__in=term_ids).values_list(
        "term_id", "number"
    ):
        taken.setdefault(term_id, set()).add(number)
    wanted: dict[int, list[Application]] = {}
    for application in applications:
        wanted.setdefault(application.term_id, []).append(application)
    slots = []
    for term_id, group in wanted.items():
        term = terms[term_id]
        free = [n for n in range(1, term.capacity + 1) if n not in taken.get(term_id, set())]
        if len(group) > len(free):
            raise ValidationError(
                f"{term}: "
                + TERM_FULL.format(capacity=term.capacity, s="" if term.capacity == 1 else "s")
            )
        slots += [
            TermSlot(
                organization_id=a.organization_id,
                term_id=term_id,
                number=number,
                capacity=term.capacity,
                application=a,
            )
            for a, number in zip(group, free, strict=False)
        ]
    now = timezone.now()
    try:
        with transaction.atomic():
            TermSlot.objects.bulk_create(slots, batch_size=None)
            Placement.objects.bulk_create(
                [
                    Placement(applicant_id=a.applicant_id, cycle_id=a.cycle_id, application=a)
                    for a in applications
                ],
                batch_size=None,
            )
    except IntegrityError:
        raise ValidationError(
            "A slot or a mentee of this run was taken meanwhile: run the matching again."
        ) from None
    moved = Application.objects.filter(pk__in=ids, state=S.SUBMITTED).update(
        state=S.ACCEPTED, decided_at=now, updated_at=now
    )
    if moved != len(ids):
        raise ValidationError("An application of this run changed meanwhile: run again.")
    decided_by = actor if actor is not None and actor.is_authenticated else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                organization_id=a.organization_id,
                actor=decided_by,
                action="application.accepted",
                object_type=Application._meta.label_lower,
                object_id=str(a.pk),
                from_state=S.SUBMITTED,
                to_state=S.ACCEPTED,
                reason=reason,
            )
            for a in applications
        ],
        batch_size=None,
    )
    Decision.objects.bulk_create(
        [
            Decision(
                organization_id=a.organization_id,
                application=a,
                outcome=DecisionOutcome.ACCEPTED,
                decided_by=decided_by,
            )
            for a in applications
        ],
        batch_size=None,
    )
    Offer.objects.bulk_create(
        [
            Offer(
                organization_id=a.organization_id,
                application=a,
                deadline=offer_deadline(application=a, now=now),
            )
            for a in applications
        ],
        batch_size=None,
    )
    for application in applications:
        application.state = S.ACCEPTED
        announce_if_due(application)
    return len(applications)
