"""Cycles: platform-wide application periods, written by platform staff only."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.people.models import User
from core.audit.services import audit_record
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.terms.models import Term
from programs.timezones import format_instant

CONFIRMATION_DAYS = 5
FIELDS = (
    "name",
    "applications_open_at",
    "applications_close_at",
    "results_announced_at",
    "confirmation_deadline",
    "max_active_applications",
    "graduates_may_apply",
    "restricted_countries",
    "selection_mode",
)


def _validate(cycle: Cycle) -> None:
    errors: dict[str, str] = {}
    if cycle.applications_open_at and cycle.applications_close_at:
        if cycle.applications_close_at <= cycle.applications_open_at:
            errors["applications_close_at"] = "The application window must close after it opens."
    if cycle.applications_close_at and cycle.results_announced_at:
        if cycle.results_announced_at < cycle.applications_close_at:
            errors["results_announced_at"] = (
                "Results can only be announced once the application window has closed "
                f"({format_instant(cycle.applications_close_at)})."
            )
    if cycle.results_announced_at and cycle.confirmation_deadline:
        if cycle.confirmation_deadline <= cycle.results_announced_at:
            errors["confirmation_deadline"] = (
                "Mentees need time to confirm: the deadline must be after the results are "
                f"announced ({format_instant(cycle.results_announced_at)})."
            )
    if cycle.max_active_applications is not None and cycle.max_active_applications < 1:
        errors["max_active_applications"] = "Allow at least 1 active application per mentee."
    if errors:
        raise ValidationError(errors)
    cycle.full_clean()


@cross_tenant
def _check_terms_still_fit(cycle: Cycle) -> None:
    """Cross-tenant because a cycle is shared by all organizations; filtered by
    the cycle, it only reads dates. A cycle's window may only shrink around the terms already in
    it."""
    outside = (
        Term.objects.filter(cycle=cycle)
        .exclude(
            applications_open_at__gte=cycle.applications_open_at,
            applications_close_at__lte=cycle.applications_close_at,
        )
        .select_related("program", "program__organization")
        .order_by("applications_open_at")
        .first()
    )
    if outside is not None:
        raise ValidationError(
            {
                "applications_open_at": (
                    f"The term “{outside}” of {outside.program.organization.name} takes "
                    f"applications from {format_instant(outside.applications_open_at)} to "
                    f"{format_instant(outside.applications_close_at)}, outside this window. "
                    "Every term's application window lies inside its cycle's."
                )
            }
        )


@transaction.atomic
def cycle_create(
    *,
    actor: User | None,
    name: str,
    applications_open_at: datetime,
    applications_close_at: datetime,
    results_announced_at: datetime,
    confirmation_deadline: datetime | None = None,
    max_active_applications: int = 3,
    graduates_may_apply: bool = False,
    restricted_countries=(),
    selection_mode: str = "direct",
) -> Cycle:
    """Staff open a cycle. The confirmation deadline defaults to 5 days after the results
    are announced."""
    name = (name or "").strip()
    if name and Cycle.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A cycle named “{name}” already exists."})
    if confirmation_deadline is None and results_announced_at is not None:
        confirmation_deadline = results_announced_at + timedelta(days=CONFIRMATION_DAYS)
    cycle = Cycle(
        name=name,
        applications_open_at=applications_open_at,
        applications_close_at=applications_close_at,
        results_announced_at=results_announced_at,
        confirmation_deadline=confirmation_deadline,
        max_active_applications=max_active_applications,
        graduates_may_apply=graduates_may_apply,
        restricted_countries=list(restricted_countries or []),
        selection_mode=selection_mode or "direct",
    )
    _validate(cycle)
    cycle.save()
    audit_record(action="cycle.created", obj=cycle, actor=actor, to_state="open")
    return cycle


@transaction.atomic
def cycle_update(*, cycle: Cycle, actor: User | None, **fields) -> Cycle:
    """Staff change a cycle. Its window must still contain every term's window."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        clash = Cycle.objects.filter(name__iexact=fields["name"]).exclude(pk=cycle.pk)
        if fields["name"] and clash.exists():
            raise ValidationError({"name": f"A cycle named “{fields['name']}” already exists."})
    if fields.get("confirmation_deadline", False) is None:
        announced = fields.get("results_announced_at", cycle.results_announced_at)
        fields["confirmation_deadline"] = announced + timedelta(days=CONFIRMATION_DAYS)
    for name, value in fields.items():
        setattr(cycle, name, value)
    _validate(cycle)
    _check_terms_still_fit(cycle)
    cycle.save()
    audit_record(action="cycle.updated", obj=cycle, actor=actor, data={"fields": sorted(fields)})
    return cycle
