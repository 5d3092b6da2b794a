"""Programs: creation, edits and the status lifecycle

    draft ──submit──▶ submitted ──approve (staff)──▶ approved (published)
      ▲                   │
      └─ rejected ◀─reject (staff, with a reason)
    any of draft, submitted, approved, rejected ──archive──▶ archived

Every transition is a conditional update on the current status, recorded in the audit
log (the program's status history), and staff decisions are emailed to the
organization's admins after commit."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django_scopes import scope

from accounts.organizations.models import Membership, Organization, Role
from accounts.people.models import User
from core.audit.services import audit_record
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

# action: (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT, S.REJECTED}), S.SUBMITTED),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED),
    "reject": (frozenset({S.SUBMITTED}), S.REJECTED),
    "archive": (frozenset({S.DRAFT, S.SUBMITTED, S.APPROVED, S.REJECTED}), S.ARCHIVED),
}
REFUSALS = {
    "submit": "Only a draft or a rejected program can be submitted; this one is {status}.",
    "approve": "Only a program waiting for approval can be approved; this one is {status}.",
    "reject": "Only a program waiting for approval can be rejected; this one is {status}.",
    "archive": "This program is already archived.",
}


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


def _transition(program: Program, action: str, actor: User | None, reason: str = "") -> Program:
    sources, target = TRANSITIONS[action]
    with scope(organization=program.organization):
        current = Program.objects.select_for_update().get(pk=program.pk)
        if current.status not in sources:
            raise ValidationError(REFUSALS[action].format(status=current.get_status_display()))
        updated = Program.objects.filter(pk=program.pk, status=current.status).update(
            status=target, rejection_reason=reason if action == "reject" else ""
        )
        if updated != 1:  # pragma: no cover - the row lock above makes this unreachable
            raise ValidationError("The program changed meanwhile; reload and try again.")
        audit_record(
            action="program.status_changed",
            obj=current,
            actor=actor,
            organization=program.organization,
            from_state=current.status,
            to_state=target,
            reason=reason,
        )
        current.refresh_from_db()
    return current


@transaction.atomic
def program_submit(*, program: Program, actor: User | None) -> Program:
    """An admin asks platform staff to approve (or re-approve, after a rejection)."""
    return _transition(program, "submit", actor)


@transaction.atomic
def program_archive(*, program: Program, actor: User | None) -> Program:
    """Takes a program out of use: out of the catalog, its terms frozen."""
    return _transition(program, "archive", actor)


@transaction.atomic
def program_approve(*, program: Program, actor: User | None) -> Program:
    """Platform staff publish a submitted program; its organization's admins are emailed."""
    program = _transition(program, "approve", actor)
    _email_admins(program, decision="approved")
    return program


@transaction.atomic
def program_reject(*, program: Program, actor: User | None, reason: str) -> Program:
    """Platform staff send a submitted program back, with a reason the admins can act on;
    the admins are emailed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why, so the admins know what to change."})
    if len(reason) > 2000:
        raise ValidationError({"reason": "Use at most 2,000 characters."})
    program = _transition(program, "reject", actor, reason=reason)
    _email_admins(program, decision="rejected")
    return program


def _email_admins(program: Program, *, decision: str) -> None:
    """The organization's admins' addresses (read in the program's organization scope:
    staff act outside any scope), and the decision email sent once the decision is
    committed."""
    with scope(organization=program.organization_id):
        recipients = list(
            Membership.objects.filter(
                organization_id=program.organization_id, role=Role.ADMIN, user__is_active=True
            ).values_list("user__email", flat=True)
        )
    if not recipients:
        return
    context = {
        "program": program,
        "organization": program.organization,
        "decision": decision,
        "url": settings.SITE_URL.rstrip("/")
        + reverse(
            "programs:program-detail",
            kwargs={"org": program.organization.slug, "program": program.slug},
        ),
    }
    subject = f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}Program “{program.name}” " + (
        "is approved and published" if decision == "approved" else "was not approved"
    )
    text = render_to_string("programs/email/program_decision.txt", context)
    html = render_to_string("programs/email/program_decision.html", context)
    transaction.on_commit(
        lambda: send_mail(subject, text, None, recipients, html_message=html, fail_silently=False)
    )
