"""Prerequisites of a term, and an organization's standing ones (for all its terms)."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from accounts.organizations.models import Organization
from accounts.people.models import User
from core.audit.services import audit_record
from core.errors import Conflict
from programs.prerequisites.models import (
    STANDARD_PREREQUISITES,
    AnswerType,
    Prerequisite,
    PrerequisiteKind,
)
from programs.terms.models import Term
from programs.terms.services.terms import term_lock
from programs.timezones import format_instant

TITLE_MAX = 20
DESCRIPTION_MAX = 500
PREREQUISITE_ANSWERED = (
    "The prerequisite “{title}” cannot be removed: applicants have already answered it, and "
    "their applications keep those answers, so it stays in place."
)


@transaction.atomic
def prerequisite_create(
    *,
    organization: Organization,
    actor: User | None,
    kind: str,
    term: Term | None = None,
    title: str = "",
    description: str = "",
    answer_type: str = "",
    due_at: datetime | None = None,
) -> Prerequisite:
    """Adds a prerequisite to a term, or (without a term) a standing one for every term of
    the organization. A standard kind comes with its title and answer type and appears once
    per term (or once as standing); a custom one needs a title (≤20 characters) and an
    answer type. The due date defaults to the term's applications-close instant and, when
    given, lies after applications open and no later than the results announcement."""
    if kind not in PrerequisiteKind.values:
        raise ValidationError({"kind": "Choose a kind from the list."})
    title, description = (title or "").strip(), (description or "").strip()
    if kind == PrerequisiteKind.CUSTOM:
        errors = {}
        if not title:
            errors["title"] = "Give the prerequisite a short title."
        elif len(title) > TITLE_MAX:
            errors["title"] = f"Use at most {TITLE_MAX} characters (this is {len(title)})."
        if answer_type not in AnswerType.values:
            errors["answer_type"] = "Choose how applicants answer: text, a link or a file."
        if errors:
            raise ValidationError(errors)
    else:
        default_title, default_description, answer_type = STANDARD_PREREQUISITES[kind]
        title = default_title
        description = description or default_description
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {
                "description": f"Use at most {DESCRIPTION_MAX} characters "
                f"(this is {len(description)})."
            }
        )
    if term is not None:
        term = term_lock(term)
        if due_at is not None:
            results = term.milestone("results_announced") or None
            latest = results.at if results else term.starts_at
            if not (term.applications_open_at < due_at <= latest):
                raise ValidationError(
                    {
                        "due_at": "The due date must fall after applications open "
                        f"({format_instant(term.applications_open_at)}) and no later than the "
                        f"results announcement ({format_instant(latest)}). Leave it empty for "
                        "the applications deadline."
                    }
                )
    elif due_at is not None:
        raise ValidationError(
            {"due_at": "Standing prerequisites are due when each term's applications close."}
        )
    if kind != PrerequisiteKind.CUSTOM:
        standing = Prerequisite.objects.filter(
            organization=organization, term__isnull=True, kind=kind
        ).exists()
        if standing:
            raise ValidationError(
                {"kind": f"{title} is already required of every term by the organization."}
            )
        if term is not None and Prerequisite.objects.filter(term=term, kind=kind).exists():
            raise ValidationError({"kind": f"This term already requires a {title.lower()}."})
    try:
        with transaction.atomic():
            prerequisite = Prerequisite.objects.create(
                organization=organization,
                term=term,
                kind=kind,
                title=title,
                description=description,
                answer_type=answer_type,
                due_at=due_at,
            )
    except IntegrityError as error:
        raise ValidationError({"kind": f"{title} is already required."}) from error
    audit_record(
        action="prerequisite.created",
        obj=prerequisite,
        actor=actor,
        organization=organization,
        data={"term": term.pk if term else None, "kind": kind, "title": title},
    )
    return prerequisite


@transaction.atomic
def prerequisite_delete(*, prerequisite: Prerequisite, actor: User | None) -> None:
    """Deletes a prerequisite nobody answered yet. Once applicants answered it, their answers
    depend on it: refused with core.errors.Conflict (409 in the API, the message on the page)."""
    if prerequisite.term_id:
        term_lock(prerequisite.term)
    audit_record(
        action="prerequisite.deleted",
        obj=prerequisite,
        actor=actor,
        organization=prerequisite.organization,
        data={"term": prerequisite.term_id, "title": prerequisite.title},
    )
    try:
        with transaction.atomic():
            prerequisite.delete()
    except (ProtectedError, RestrictedError) as error:
        raise Conflict(PREREQUISITE_ANSWERED.format(title=prerequisite.title)) from error
