"""Terms and their timelines, mentors and applications window.

Rules enforced here (and only here):
- a term's milestones are generated from the preset and stay in order (programs.terms.timeline);
- its applications window lies inside its cycle's window;
- a program runs at most two terms at the same instant (the program row is locked while
  checking, so two admins adding terms at once cannot make a third);
- capacity is a positive number of slots;
- a term with applicants cannot be deleted (the applications app points at Term with
  on_delete=PROTECT; the ProtectedError becomes a clear message);
- admins open applications (moving "applications open" to now when it lies ahead), close
  them early, and reopen them before the deadline."""

from collections.abc import Iterable
from datetime import UTC, date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from accounts.organizations.models import Membership, Role
from accounts.people.models import User
from core.audit.services import audit_record
from programs.cycles.models import Cycle
from programs.programs.models import Program, ProgramStatus
from programs.terms.models import Milestone, MilestoneKind, Term, TermKind, TermMentor
from programs.terms.timeline import (
    is_required,
    preset_instants,
    start_date_range,
    submissions_open,
    timeline_errors,
)
from programs.timezones import format_instant

K = MilestoneKind
MAX_CONCURRENT_TERMS = 2
MAX_CAPACITY = 1000
HAS_APPLICANTS = "This term has applicants and cannot be deleted; close applications instead."
FROZEN = {
    ProgramStatus.ARCHIVED: "This program is archived; its terms can no longer change.",
}


def _lock_program(program: Program) -> Program:
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status in FROZEN:
        raise ValidationError(FROZEN[program.status])
    return program


def _check_capacity(capacity) -> int:
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        raise ValidationError({"capacity": "Enter the number of mentee slots."}) from None
    if capacity < 1:
        raise ValidationError({"capacity": "Capacity must be at least 1 mentee slot."})
    if capacity > MAX_CAPACITY:
        raise ValidationError({"capacity": f"Use at most {MAX_CAPACITY} slots per term."})
    return capacity


def _check_overlap(
    program: Program, starts_at: datetime, ends_at: datetime, exclude_pk=None, field="start_date"
) -> None:
    """At any instant at most two terms of a program are running. Call with the program
    row locked."""
    others = Term.objects.filter(program=program, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    spans = sorted((max(t.starts_at, starts_at), min(t.ends_at, ends_at)) for t in others)
    # Sweep: a point of the new term covered by two others would make three at once.
    events = sorted(
        [(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1])
    )
    running = 0
    for instant, step in events:
        running += step
        if running >= MAX_CONCURRENT_TERMS:
            raise ValidationError(
                {
                    field: f"“{program.name}” already has {MAX_CONCURRENT_TERMS} terms running on "
                    f"{format_instant(instant)}; a program runs at most {MAX_CONCURRENT_TERMS} "
                    "terms at the same time. Choose dates that do not overlap them."
                }
            )


def mentors_check(organization, users: Iterable[User]) -> list[User]:
    users = [u for u in users if u is not None]
    ids = {u.pk for u in users}
    mentors = set(
        Membership.objects.filter(
            organization=organization, user_id__in=ids, role=Role.MENTOR
        ).values_list("user_id", flat=True)
    )
    strangers = [u for u in users if u.pk not in mentors]
    if strangers:
        raise ValidationError(
            {
                "mentors": f"{strangers[0]} is not a mentor of {organization.name}. Add them as a "
                "mentor on the Members page first."
            }
        )
    return users


def _sync(term: Term, instants: dict[str, datetime]) -> None:
    term.applications_open_at = instants[K.APPLICATIONS_OPEN]
    term.applications_close_at = instants[K.APPLICATIONS_CLOSE]
    term.starts_at = instants[K.TERM_START]
    term.ends_at = instants[K.TERM_END]


@transaction.atomic
def term_create(
    *,
    program: Program,
    actor: User | None,
    cycle: Cycle,
    kind: str,
    start_date: date,
    capacity: int,
    primary_mentor: User | None = None,
    co_mentors: Iterable[User] = (),
) -> Term:
    """Adds a term to a program and generates its timeline from the preset (18:00 UTC)."""
    if kind not in TermKind.values:
        raise ValidationError({"kind": "Choose full-time or part-time."})
    if not isinstance(start_date, date):
        raise ValidationError({"start_date": "Enter the date the term starts."})
    capacity = _check_capacity(capacity)
    program = _lock_program(program)
    co_mentors = [u for u in co_mentors if primary_mentor is None or u.pk != primary_mentor.pk]
    mentors_check(program.organization, [primary_mentor, *co_mentors])
    instants = preset_instants(kind, start_date)
    errors = timeline_errors(instants, cycle)
    if errors:
        first, last = start_date_range(cycle)
        raise ValidationError(
            {
                "start_date": " ".join(
                    message for messages in errors.values() for message in messages
                )
                + f" For the cycle “{cycle.name}”, choose a start date from {first:%Y-%m-%d} to "
                f"{last:%Y-%m-%d}."
            }
        )
    _check_overlap(program, instants[K.TERM_START], instants[K.TERM_END])
    term = Term(
        organization=program.organization,
        program=program,
        cycle=cycle,
        kind=kind,
        capacity=capacity,
    )
    _sync(term, instants)
    term.save()
    Milestone.objects.bulk_create(
        Milestone(
            organization=program.organization, term=term, kind=k, at=at, required=is_required(k)
        )
        for k, at in instants.items()
    )
    if primary_mentor is None and co_mentors:
        primary_mentor, co_mentors = co_mentors[0], co_mentors[1:]
    TermMentor.objects.bulk_create(
        TermMentor(organization=program.organization, term=term, user=user, is_primary=index == 0)
        for index, user in enumerate([u for u in [primary_mentor, *co_mentors] if u is not None])
    )
    audit_record(
        action="term.created",
        obj=term,
        actor=actor,
        organization=program.organization,
        data={"program": program.slug, "cycle": cycle.pk, "kind": kind, "start": str(start_date)},
    )
    return term


def term_lock(term: Term) -> Term:
    _lock_program(term.program)
    return Term.objects.select_for_update().select_related("program", "cycle").get(pk=term.pk)


@transaction.atomic
def term_update(*, term: Term, actor: User | None, capacity) -> Term:
    """Changes a term's capacity (mentee slots)."""
    capacity = _check_capacity(capacity)
    term = term_lock(term)
    previous = term.capacity
    term.capacity = capacity
    term.save(update_fields=["capacity"])
    audit_record(
        action="term.capacity_changed",
        obj=term,
        actor=actor,
        organization=term.organization,
        from_state=str(previous),
        to_state=str(capacity),
    )
    return term


@transaction.atomic
def term_timeline_update(*, term: Term, actor: User | None, changes: dict[str, datetime]) -> Term:
    """Moves any milestones at once. The whole resulting timeline must be in order and
    inside the cycle's window; errors are keyed by milestone kind and nothing is saved."""
    unknown = set(changes) - set(K.values)
    if unknown:
        raise ValidationError(f"Unknown milestones: {', '.join(sorted(unknown))}.")
    missing = [kind for kind, at in changes.items() if at is None]
    if missing:
        raise ValidationError({kind: "Enter a date and time." for kind in missing})
    term = term_lock(term)
    milestones = {m.kind: m for m in Milestone.objects.filter(term=term)}
    instants = {kind: m.at for kind, m in milestones.items()}
    moved = {kind: at for kind, at in changes.items() if instants[kind] != at}
    if not moved:
        return term
    instants.update(moved)
    errors = timeline_errors(instants, term.cycle, changed=moved)
    if errors:
        raise ValidationError(errors)
    if K.TERM_START in moved or K.TERM_END in moved:
        _check_overlap(
            term.program,
            instants[K.TERM_START],
            instants[K.TERM_END],
            exclude_pk=term.pk,
            field=K.TERM_START if K.TERM_START in moved else K.TERM_END,
        )
    previous = {kind: milestones[kind].at for kind in moved}
    moved_at = timezone.now()
    for kind, at in moved.items():
        milestones[kind].at = at
        milestones[kind].updated_at = moved_at
    Milestone.objects.bulk_update([milestones[k] for k in moved], ["at", "updated_at"])
    _sync(term, instants)
    term.save(
        update_fields=["applications_open_at", "applications_close_at", "starts_at", "ends_at"]
    )
    for kind, at in moved.items():
        audit_record(
            action="milestone.moved",
            obj=milestones[kind],
            actor=actor,
            organization=term.organization,
            from_state=previous[kind].astimezone(UTC).isoformat(),
            to_state=at.astimezone(UTC).isoformat(),
            data={"term": term.pk, "kind": kind},
        )
    return term


def milestone_move(*, milestone: Milestone, actor: User | None, at: datetime) -> Milestone:
    """Moves one milestone (the API's PATCH); the same rules as the timeline form, with the
    message on `at`."""
    try:
        term_timeline_update(term=milestone.term, actor=actor, changes={milestone.kind: at})
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(
                {
                    "at": [
                        m
                        for errors in error.error_dict.values()
                        for e in errors
                        for m in e.messages
                    ]
                }
            ) from error
        raise
    milestone.refresh_from_db()
    return milestone


@transaction.atomic
def term_open_applications(*, term: Term, actor: User | None) -> Term:
    """Opens applications now (moving "applications open" to now when it lies ahead), or
    reopens them after an early close. Only before the deadline, for a published program,
    and never before the cycle's window opens."""
    term = term_lock(term)
    now = timezone.now()
    if term.program.status != ProgramStatus.APPROVED:
        raise ValidationError(
            "Platform staff have not approved this program yet; applications can open once it "
            "is published."
        )
    if now >= term.applications_close_at:
        raise ValidationError(
            f"The applications deadline, {format_instant(term.applications_close_at)}, has "
            "passed. Move the “applications close” milestone first to take more applications."
        )
    previous = "closed early" if term.applications_closed_early_at else "scheduled"
    if term.applications_closed_early_at is not None:
        term.applications_closed_early_at = None
        term.save(update_fields=["applications_closed_early_at"])
    if now < term.applications_open_at:
        if now < term.cycle.applications_open_at:
            raise ValidationError(
                f"The cycle “{term.cycle.name}” opens for applications on "
                f"{format_instant(term.cycle.applications_open_at)}; applications cannot open "
                "earlier."
            )
        # To the minute, so the timeline form (minutes) shows it exactly.
        opened = max(now.replace(second=0, microsecond=0), term.cycle.applications_open_at)
        term = term_timeline_update(term=term, actor=actor, changes={K.APPLICATIONS_OPEN: opened})
    audit_record(
        action="term.applications_opened",
        obj=term,
        actor=actor,
        organization=term.organization,
        from_state=previous,
        to_state="open",
    )
    return term


@transaction.atomic
def term_close_applications(*, term: Term, actor: User | None) -> Term:
    """Closes applications before the deadline: no new applications start, but drafts
    already started stay finishable until the deadline."""
    term = term_lock(term)
    now = timezone.now()
    if term.applications_closed_early_at is not None or not submissions_open(term, now):
        raise ValidationError("Applications are not open, so there is nothing to close.")
    term.applications_closed_early_at = now
    term.save(update_fields=["applications_closed_early_at"])
    audit_record(
        action="term.applications_closed_early",
        obj=term,
        actor=actor,
        organization=term.organization,
        from_state="open",
        to_state="closed early",
    )
    return term


@transaction.atomic
def term_delete(*, term: Term, actor: User | None) -> None:
    """Deletes a term with its timeline, mentors and prerequisites, unless it has
    applicants (any row pointing at it with on_delete=PROTECT, e.g. an application)."""
    term = term_lock(term)
    description = str(term)
    pk = term.pk
    try:
        with transaction.atomic():
            term.delete()
    except (ProtectedError, RestrictedError) as error:
        raise ValidationError(HAS_APPLICANTS) from error
    term.pk = pk
    audit_record(
        action="term.deleted",
        obj=term,
        actor=actor,
        organization=term.organization,
        from_state="exists",
        to_state="deleted",
        data={"term": description},
    )
