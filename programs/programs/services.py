"""Programs: creation, edits and the status lifecycle

    draft ──submit──▶ submitted ──approve (staff)──▶ approved (published)
      ▲                   │
      └─ rejected ◀─reject (staff, with a reason)
    any of draft, submitted, approved, rejected ──archive──▶ archived

Every transition follows PROGRAM_TRANSITIONS as a conditional update on the current status,
recorded in the audit log (the program's status history), and staff decisions are emailed
to the organization's admins after commit."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django_scopes import scope

from accounts.organizations.models import Membership, Organization, Role
from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from core.transitions import reason_required, state_transition
from core.uploads.logos import logo_attach
from programs.programs.models import Program, ProgramStatus, Skill

S = ProgramStatus
EDITABLE_FIELDS = (
    "name",
    "description",
    "skills",
    "repository_url",
    "website_url",
    "code_of_conduct_url",
    "logo",
)
MAX_SKILLS = 15
DESCRIPTION_MAX = 3000

# (from, to): the timestamp field the move sets (none for programs).
PROGRAM_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (S.DRAFT, S.SUBMITTED): None,
    (S.REJECTED, S.SUBMITTED): None,  # re-submitted after a rejection
    (S.SUBMITTED, S.APPROVED): None,
    (S.SUBMITTED, S.REJECTED): None,
    (S.DRAFT, S.ARCHIVED): None,
    (S.SUBMITTED, S.ARCHIVED): None,
    (S.APPROVED, S.ARCHIVED): None,
    (S.REJECTED, S.ARCHIVED): None,
}
# What a refused move says, by the status asked for.
PROGRAM_REFUSALS = {
    S.SUBMITTED: "Only a draft or a rejected program can be submitted; this one is {status}.",
    S.APPROVED: "Only a program waiting for approval can be approved; this one is {status}.",
    S.REJECTED: "Only a program waiting for approval can be rejected; this one is {status}.",
    S.ARCHIVED: "This program is already archived.",
}


def program_refusal(program: Program, to_state: str) -> str:
    return PROGRAM_REFUSALS.get(to_state, "This change is not possible.").format(
        status=program.get_status_display()
    )


def skills_from_names(names: Iterable[str]) -> list[Skill]:
    """The skills named (case-insensitive, created when new), in the order given."""
    skills: dict[str, Skill] = {}
    for raw in names:
        name = " ".join(str(raw).split())
        if not name:
            continue
        if len(name) > 50:
            raise ValidationError(
                {"skills": f"“{name[:20]}…” is too long; use at most 50 characters."}
            )
        slug = slugify(name)[:50]
        if not slug:
            raise ValidationError({"skills": f"“{name}” needs at least one letter or digit."})
        if slug not in skills:
            skill = Skill.objects.filter(slug=slug).first()
            if skill is None:
                skill, _ = Skill.objects.get_or_create(slug=slug, defaults={"name": name})
            skills[slug] = skill
    if len(skills) > MAX_SKILLS:
        raise ValidationError({"skills": f"Name at most {MAX_SKILLS} skills."})
    return list(skills.values())


def _unique_slug(organization: Organization, name: str) -> str:
    base = slugify(name)[:50] or "program"
    taken = set(
        Program.objects.filter(organization=organization, slug__startswith=base).values_list(
            "slug", flat=True
        )
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_name_free(organization: Organization, name: str, exclude_pk=None) -> None:
    others = Program.objects.filter(organization=organization, name__iexact=name.strip())
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError(
            {"name": f"{organization.name} already has a program named “{name.strip()}”."}
        )


def _save(program: Program, *, exclude_pk=None) -> None:
    # TextField's max_length is not a model validator; the limit is the product's.
    if len(program.description) > DESCRIPTION_MAX:
        raise ValidationError(
            {
                "description": f"Use at most {DESCRIPTION_MAX:,} characters "
                f"(this is {len(program.description):,})."
            }
        )
    program.full_clean(exclude=["skills", "logo", "organization", "slug"])
    try:
        with transaction.atomic():
            program.save()
    except IntegrityError as error:  # two admins creating the same name at once
        raise ValidationError(
            {"name": f"{program.organization.name} already has a program with this name."}
        ) from error


@transaction.atomic
def program_create(
    *,
    organization: Organization,
    actor: User | None,
    name: str,
    description: str,
    skills: Iterable[str] = (),
    repository_url: str = "",
    website_url: str = "",
    code_of_conduct_url: str = "",
    logo=None,
) -> Program:
    """Creates a draft program. Its name is unique in the organization (any case)."""
    name = (name or "").strip()
    if name:
        _check_name_free(organization, name)
    program = Program(
        organization=organization,
        name=name,
        slug=_unique_slug(organization, name),
        description=(description or "").strip(),
        repository_url=repository_url or "",
        website_url=website_url or "",
        code_of_conduct_url=code_of_conduct_url or "",
        created_by=actor,
    )
    skill_rows = skills_from_names(skills)
    if logo:
        logo_attach(program, logo)
    _save(program)
    program.skills.set(skill_rows)
    audit_record(
        action="program.created",
        obj=program,
        actor=actor,
        organization=organization,
        to_state=program.status,
    )
    return program


@transaction.atomic
def program_update(*, program: Program, actor: User | None, **fields) -> Program:
    """Edits a program. An approved program stays published; an archived one is frozen."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    program = Program.objects.select_for_update().get(pk=program.pk)
    if program.status == S.ARCHIVED:
        raise ValidationError("This program is archived and can no longer be edited.")
    skill_rows = skills_from_names(fields.pop("skills")) if "skills" in fields else None
    logo = fields.pop("logo", None)
    if "name" in fields:
        fields["name"] = (fields["name"] or "").strip()
        if fields["name"]:
            _check_name_free(program.organization, fields["name"], exclude_pk=program.pk)
    if "description" in fields:
        fields["description"] = (fields["description"] or "").strip()
    for name, value in fields.items():
        setattr(program, name, value if value is not None else "")
    if logo:
        logo_attach(program, logo)
    _save(program)
    if skill_rows is not None:
        program.skills.set(skill_rows)
    audit_record(
        action="program.updated",
        obj=program,
        actor=actor,
        organization=program.organization,
        data={"fields": sorted([*fields, *(["skills"] if skill_rows is not None else [])])},
    )
    return program


@transaction.atomic
def program_transition(
    *, program: Program, to_state: str, actor: User | None, reason: str = ""
) -> Program:
    """Moves a program along PROGRAM_TRANSITIONS (compare-and-set, audited as a status
    change). It starts from the program as stored now, read under a row lock."""
    with scope(organization=program.organization):
        current = Program.objects.select_for_update().get(pk=program.pk)
        return state_transition(
            obj=current,
            to_state=to_state,
            actor=actor,
            transitions=PROGRAM_TRANSITIONS,
            refusals=program_refusal,
            reason=reason,
            updates={"rejection_reason": reason if to_state == S.REJECTED else ""},
            field="status",
            action="program.status_changed",
        )


@transaction.atomic
def program_submit(*, program: Program, actor: User | None) -> Program:
    """An admin asks platform staff to approve (or re-approve, after a rejection)."""
    return program_transition(program=program, to_state=S.SUBMITTED, actor=actor)


@transaction.atomic
def program_archive(*, program: Program, actor: User | None) -> Program:
    """Takes a program out of use: out of the catalog, its terms frozen."""
    return program_transition(program=program, to_state=S.ARCHIVED, actor=actor)


@transaction.atomic
def program_approve(*, program: Program, actor: User | None) -> Program:
    """Platform staff publish a submitted program; its organization's admins are emailed."""
    program = program_transition(program=program, to_state=S.APPROVED, actor=actor)
    _email_admins(program, decision="approved")
    return program


@transaction.atomic
def program_reject(*, program: Program, actor: User | None, reason: str) -> Program:
    """Platform staff send a submitted program back, with a reason the admins can act on;
    the admins are emailed."""
    reason = reason_required(reason, missing="Say why, so the admins know what to change.")
    program = program_transition(program=program, to_state=S.REJECTED, actor=actor, reason=reason)
    _email_admins(program, decision="rejected")
    return program


def _email_admins(program: Program, *, decision: str) -> None:
    """The organization's admins' addresses (read in the program's organization scope:
    staff act outside any scope), and the decision email queued with the decision (sent
    once it commits)."""
    with scope(organization=program.organization_id):
        recipients = list(
            Membership.objects.filter(
                organization_id=program.organization_id, role=Role.ADMIN, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    email_queue(
        to=recipients,
        template="program_decision",
        organization=program.organization,
        context={
            "program": program,
            "organization": program.organization,
            "decision": decision,
            "url": absolute_url(
                "programs:program-detail", org=program.organization.slug, program=program.slug
            ),
        },
    )
