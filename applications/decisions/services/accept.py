"""Decisions on applications: accepting (which takes a slot of the term and the mentee's
one placement of the cycle, and makes an offer), declining (with the program's feedback),
declining in bulk, and the programs' decision texts. Who may decide is asked of the named
permissions (applications/decisions/rules.py).

The two rules that must hold under any timing live in the database:
- capacity: a TermSlot row per accepted application, numbered 1..capacity with (term,
  number) unique and a check constraint on the number; the term's row is locked
  (SELECT ... FOR UPDATE) while a slot is chosen, so concurrent accepts on one term queue
  up and the later one reads the slots the earlier one took and gets a clear message;
- one acceptance per mentee and cycle: a Placement row, unique (applicant, cycle), across
  organizations. There is nothing to lock across tenants, so the unique index decides: the
  second INSERT waits for the first transaction and fails once it commits.
The lock gives clear messages and no wasted work; the constraints make the rules hold even
for a writer that forgot the lock.

Publishing a matching run lives in matched.py."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.apply.services.transitions import REFUSALS, application_transition
from applications.decisions.models import (
    Decision,
    DecisionOutcome,
    Offer,
    Placement,
    ProgramDecisionTexts,
    TermSlot,
)
from applications.decisions.selectors import (
    applicant_placement,
    program_texts,
    render_text,
    term_unshortlisted,
)
from applications.decisions.tasks import send_decision_email
from core.audit.services import audit_record
from core.tasks import enqueue_on_commit
from programs.programs.models import Program
from programs.terms.models import Term

S = ApplicationState

# An acceptance made after the cycle's confirmation deadline (a replacement for a lapsed
# or declined offer) gives the mentee this long from when they can see it.
LATE_OFFER_WINDOW = timedelta(days=5)

TERM_FULL = (
    "This term is full: all {capacity} slot{s} are taken. An offer that is declined or "
    "lapses frees its slot."
)

MATCHED_CYCLE = (
    "The cycle “{cycle}” places mentees by matching: between the close of applications and "
    "the publication of its matching run, rank your applicants (and decline those you would "
    "not take) instead of accepting them."
)

ALREADY_PLACED = (
    "{name} was already accepted by another program this cycle; a mentee holds at most one "
    "acceptance per cycle."
)


def offer_deadline(*, application: Application, now) -> "timezone.datetime":
    cycle = application.cycle
    visible = max(now, cycle.results_announced_at)
    return max(cycle.confirmation_deadline, visible + LATE_OFFER_WINDOW)


def _check_submitted(application: Application) -> None:
    if application.state != S.SUBMITTED:
        raise ValidationError(REFUSALS.get(application.state, "This application changed."))


def _check_direct_accept_allowed(application: Application, now) -> None:
    cycle = application.cycle
    if (
        cycle.selection_mode == "matched"
        and cycle.matching_published_at is None
        and now >= cycle.applications_close_at
    ):
        raise ValidationError(MATCHED_CYCLE.format(cycle=cycle.name))


@transaction.atomic
def application_accept(*, application: Application, actor: User | None) -> Application:
    """Accepts a submitted application: takes a free slot of its term (refused when the
    term is full), the mentee's placement of the cycle (refused when another program
    accepted them first), moves it to `accepted` and makes the offer the mentee sees at the
    cycle's results announcement. `actor` None is the system (demo data).

    In a matched cycle, a direct accept is refused between the close of applications and
    the publication of a matching run (which accepts through `applications_accept_matched`
    below)."""
    if actor is not None and not actor.has_perm("applications.accept_application", application):
        raise PermissionDenied("Only the organization's admins accept applicants.")
    else:
        _check_direct_accept_allowed(application, timezone.now())
    term = Term.objects.select_for_update().get(pk=application.term_id)
    # Read again under the lock: another admin may have decided meanwhile.
    application.refresh_from_db(fields=["state"])
    _check_submitted(application)
    taken = set(TermSlot.objects.filter(term=term).values_list("number", flat=True))
    free = [number for number in range(1, term.capacity + 1) if number not in taken]
    if not free:
        raise ValidationError(
            TERM_FULL.format(capacity=term.capacity, s="" if term.capacity == 1 else "s")
        )
    name = application.applicant.name
    if applicant_placement(applicant=application.applicant, cycle_id=application.cycle_id):
        raise ValidationError(ALREADY_PLACED.format(name=name))
    try:
        with transaction.atomic():
            TermSlot.objects.create(
                organization_id=application.organization_id,
                term=term,
                number=free[0],
                capacity=term.capacity,
                application=application,
            )
    except IntegrityError:
        raise ValidationError(
            TERM_FULL.format(capacity=term.capacity, s="" if term.capacity == 1 else "s")
        ) from None
    try:
        with transaction.atomic():
            Placement.objects.create(
                applicant=application.applicant,
                cycle_id=application.cycle_id,
                application=application,
            )
    except IntegrityError:
        raise ValidationError(ALREADY_PLACED.format(name=name)) from None
    now = timezone.now()
    application_transition(
        application=application, to_state=S.ACCEPTED, actor=actor, reason="Accepted"
    )
    Decision.objects.create(
        organization_id=application.organization_id,
        application=application,
        outcome=DecisionOutcome.ACCEPTED,
        decided_by=actor if actor is not None and actor.is_authenticated else None,
    )
    Offer.objects.create(
        organization_id=application.organization_id,
        application=application,
        deadline=offer_deadline(application=application, now=now),
    )
    announce_if_due(application)
    return application


@transaction.atomic
def application_decline(*, application: Application, actor: User | None) -> Application:
    """Declines a submitted application, final for that term. The applicant receives the
    program's feedback as it reads now, at the cycle's results announcement."""
    if actor is not None and not actor.has_perm("applications.decline_application", application):
        raise PermissionDenied("Your role cannot decide on this applicant.")
    _check_submitted(application)
    program = application.term.program
    feedback = render_text(program_texts(program=program).decline_feedback, program=program)
    application_transition(
        application=application, to_state=S.DECLINED, actor=actor, reason="Declined"
    )
    Decision.objects.create(
        organization_id=application.organization_id,
        application=application,
        outcome=DecisionOutcome.DECLINED,
        feedback=feedback,
        decided_by=actor if actor is not None and actor.is_authenticated else None,
    )
    announce_if_due(application)
    return application


def announce_if_due(application: Application) -> None:
    """A decision taken after the cycle's announcement is emailed at once (after commit);
    earlier ones wait for the announcement sweep."""
    if timezone.now() >= application.cycle.results_announced_at:
        enqueue_on_commit(
            send_decision_email, application.pk, organization_id=application.organization_id
        )


@transaction.atomic
def term_decline_unshortlisted(
    *, term: Term, actor: User | None, expected_count: int | None = None
) -> dict[str, int]:
    """Declines every submitted applicant of the term nobody shortlisted, each with the
    program's feedback, and returns {"declined": n, "skipped": n} (skipped: changed
    meanwhile, or the actor is in conflict with the applicant). `expected_count` is the
    number the person confirmed; if the list changed since (someone shortlisted or
    applied), nothing is declined and they are asked to confirm again."""
    if actor is not None and not actor.has_perm("applications.bulk_decline", term):
        raise PermissionDenied("Only admins and coordinators decline in bulk.")
    targets = list(
        term_unshortlisted(term=term).select_related("term__program", "cycle", "applicant")
    )
    if expected_count is not None and expected_count != len(targets):
        raise ValidationError(
            {
                "expected_count": f"The list changed: {len(targets)} applicant"
                f"{'' if len(targets) == 1 else 's'} are now not shortlisted. Check and "
                "confirm again."
            }
        )
    declined = skipped = 0
    for application in targets:
        try:
            with transaction.atomic():
                application_decline(application=application, actor=actor)
        except (ValidationError, PermissionDenied):
            skipped += 1
        else:
            declined += 1
    audit_record(
        action="term.bulk_declined",
        obj=term,
        actor=actor,
        organization=term.organization,
        reason=f"Declined {declined} applicant(s) not shortlisted; skipped {skipped}.",
        data={"declined": declined, "skipped": skipped},
    )
    return {"declined": declined, "skipped": skipped}


def _check_text(value, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(
            {field: "Enter the text (it may use {program} for the program's name)."}
        )
    if len(value) > 5000:
        raise ValidationError({field: "Use at most 5,000 characters."})
    return value


@transaction.atomic
def program_texts_update(
    *,
    program: Program,
    actor: User | None,
    decline_feedback: str | None = None,
    agreement_text: str | None = None,
) -> ProgramDecisionTexts:
    """The program's decline feedback and agreement text. Decisions already taken and
    offers already confirmed keep the text they were given."""
    if actor is not None and not actor.has_perm("applications.manage_decision_texts", program):
        raise PermissionDenied("Only the organization's admins edit decision texts.")
    # The program's row lock serializes two admins saving the first version at once.
    Program.objects.select_for_update().filter(pk=program.pk).first()
    texts = program_texts(program=program)
    if decline_feedback is not None:
        texts.decline_feedback = _check_text(decline_feedback, "decline_feedback")
    if agreement_text is not None:
        texts.agreement_text = _check_text(agreement_text, "agreement_text")
    texts.save()
    audit_record(
        action="program.decision_texts_changed",
        obj=program,
        actor=actor,
        organization=program.organization,
    )
    return texts
