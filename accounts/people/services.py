"""Mentee and mentor profiles: every write, each in one transaction."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.people.models import (
    DEMOGRAPHIC_CATEGORIES,
    DemographicAnswer,
    MenteeProfile,
    MentorProfile,
    SkillLevel,
    User,
)
from core.audit.services import audit_record
from core.uploads import services as uploads
from core.uploads.models import StoredFile

ACCOUNT_FIELDS = ("display_name", "timezone")


@transaction.atomic
def account_update(*, user: User, actor: User, **fields) -> User:
    """Updates a person's own account fields; a name change is recorded."""
    changed = {name: value for name, value in fields.items() if name in ACCOUNT_FIELDS}
    before = {name: getattr(user, name) for name in changed}
    for name, value in changed.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=list(changed) or None)
    if "display_name" in changed and before["display_name"] != user.display_name:
        audit_record(
            action="account.display_name_changed",
            obj=user,
            actor=actor,
            from_state=before["display_name"][:60],
            to_state=user.display_name[:60],
        )
    return user


MAX_SKILLS = 30


MAX_SKILL_LENGTH = 50


ADULT_AGE = 18


MENTEE_PROFILE_FIELDS = (
    "legal_name",
    "pronouns",
    "country",
    "date_of_birth",
    "github_url",
    "linkedin_url",
    "bio",
    "skills",
    "skills_to_grow",
)


ACCOUNT_FIELDS = ("display_name", "timezone")


MENTOR_PROFILE_FIELDS = ("bio", "skills", "github_url", "linkedin_url", "website_url")


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def _clean_skill_name(name: Any, field: str) -> str:
    name = " ".join(str(name or "").split())
    if len(name) > MAX_SKILL_LENGTH:
        raise ValidationError({field: f"“{name[:20]}…” is too long: use at most 50 characters."})
    return name


def clean_skills(skills: list) -> list[dict]:
    """[{"name", "level"}] with names trimmed, blanks dropped, no duplicates."""
    cleaned, seen = [], set()
    for item in skills or []:
        if not isinstance(item, dict):
            raise ValidationError({"skills": "Each skill needs a name and a level."})
        name = _clean_skill_name(item.get("name"), "skills")
        if not name:
            continue
        level = item.get("level") or ""
        if level not in SkillLevel.values:
            raise ValidationError(
                {"skills": f"Choose a level for “{name}”: {', '.join(SkillLevel.values)}."}
            )
        if name.lower() in seen:
            raise ValidationError({"skills": f"“{name}” is listed twice. Keep it once."})
        seen.add(name.lower())
        cleaned.append({"name": name, "level": level})
    if len(cleaned) > MAX_SKILLS:
        raise ValidationError({"skills": f"List at most {MAX_SKILLS} skills."})
    return cleaned


def clean_skill_names(names: list, field: str) -> list[str]:
    cleaned, seen = [], set()
    for raw in names or []:
        name = _clean_skill_name(raw, field)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            cleaned.append(name)
    if len(cleaned) > MAX_SKILLS:
        raise ValidationError({field: f"List at most {MAX_SKILLS} skills."})
    return cleaned


def _locked_mentee_profile(user: User) -> MenteeProfile:
    profile, _ = MenteeProfile.objects.get_or_create(user=user)
    return (
        MenteeProfile.objects.select_for_update(of=("self",))
        .select_related("resume")
        .get(pk=profile.pk)
    )


@transaction.atomic
def mentee_profile_update(
    *, user: User, actor: User, adult_attested: bool | None = None, **fields
) -> MenteeProfile:
    """Saves the person's profile (created on first save). Legal and display name changes
    are recorded. Attesting to be 18 or older needs a date of birth at least 18 years ago;
    the date of birth stays private to its owner."""
    unknown = set(fields) - set(MENTEE_PROFILE_FIELDS) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    account_fields = {name: fields.pop(name) for name in ACCOUNT_FIELDS if name in fields}
    if account_fields:
        account_update(user=user, actor=actor, **account_fields)

    profile = _locked_mentee_profile(user)
    previous_legal_name = profile.legal_name
    if "skills" in fields:
        fields["skills"] = clean_skills(fields["skills"])
    if "skills_to_grow" in fields:
        fields["skills_to_grow"] = clean_skill_names(fields["skills_to_grow"], "skills_to_grow")
    for name in ("legal_name", "pronouns", "bio", "github_url", "linkedin_url"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    for name, value in fields.items():
        setattr(profile, name, value)

    today = timezone.localdate()
    if profile.date_of_birth and profile.date_of_birth > today:
        raise ValidationError({"date_of_birth": "The date of birth is in the future."})
    if adult_attested is not None:
        if not adult_attested:
            profile.adult_attested_at = None
        elif profile.date_of_birth is None:
            raise ValidationError(
                {"date_of_birth": "Enter your date of birth to confirm you are 18 or older."}
            )
        elif age_on(profile.date_of_birth, today) < ADULT_AGE:
            raise ValidationError(
                {"adult_attested": "You must be 18 or older to take part in mentorships."}
            )
        elif profile.adult_attested_at is None:
            profile.adult_attested_at = timezone.now()
    elif (
        profile.adult_attested_at
        and profile.date_of_birth
        and age_on(profile.date_of_birth, today) < ADULT_AGE
    ):
        profile.adult_attested_at = None

    profile.full_clean(exclude=["user", "resume"])
    profile.save()
    if profile.legal_name != previous_legal_name:
        audit_record(
            action="profile.legal_name_changed",
            obj=profile,
            actor=actor,
            data={"from": previous_legal_name, "to": profile.legal_name},
        )
    return profile


@transaction.atomic
def mentee_resume_set(*, user: User, upload: UploadedFile) -> MenteeProfile:
    """Replaces the person's resume with a new PDF (checked by content, ≤ 5 MB). The old
    file is deleted once the new one is saved; a rejected file changes nothing."""
    profile = _locked_mentee_profile(user)
    stored = uploads.store_pdf(upload=upload, owner=user, purpose=StoredFile.Purpose.RESUME)
    try:
        previous = profile.resume
        profile.resume = stored
        profile.save(update_fields=["resume", "updated_at"])
        if previous is not None:
            uploads.delete_stored_file(previous)
        audit_record(
            action="profile.resume_uploaded",
            obj=profile,
            actor=user,
            data={"name": stored.original_name, "size": stored.size},
        )
    except BaseException:
        uploads.discard(stored)
        raise
    return profile


@transaction.atomic
def mentee_resume_remove(*, user: User) -> MenteeProfile:
    profile = _locked_mentee_profile(user)
    if profile.resume is None:
        raise ValidationError("There is no resume to remove.")
    previous = profile.resume
    profile.resume = None
    profile.save(update_fields=["resume", "updated_at"])
    uploads.delete_stored_file(previous)
    audit_record(action="profile.resume_removed", obj=profile, actor=user)
    return profile


@transaction.atomic
def mentor_profile_update(*, user: User, actor: User, **fields) -> MentorProfile:
    """Saves what mentees see about this person as a mentor (created on first save)."""
    unknown = set(fields) - set(MENTOR_PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    profile, _ = MentorProfile.objects.select_for_update().get_or_create(user=user)
    if "skills" in fields:
        fields["skills"] = clean_skill_names(fields["skills"], "skills")
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.full_clean(exclude=["user"])
    profile.save()
    return profile


CONSENT_MISSING = (
    "Tick the consent box to let us store this answer, or leave the question unanswered."
)


@transaction.atomic
def demographics_set(*, user: User, answers: dict[str, dict]) -> list[DemographicAnswer]:
    """Replaces the person's answers. `answers` maps a category to {"value", "consent"}; a
    category left out or answered blank is deleted. An answer without consent is refused."""
    unknown = set(answers) - set(DEMOGRAPHIC_CATEGORIES)
    if unknown:
        raise ValidationError(f"Unknown questions: {', '.join(sorted(unknown))}.")
    errors, keep = {}, {}
    for category, answer in answers.items():
        value = (answer or {}).get("value") or ""
        if not value:
            continue
        allowed = [choice for choice, _label in DEMOGRAPHIC_CATEGORIES[category][1]]
        if value not in allowed:
            errors[category] = f"Choose one of the listed answers ({', '.join(allowed)})."
        elif not answer.get("consent"):
            errors[category] = CONSENT_MISSING
        else:
            keep[category] = value
    if errors:
        raise ValidationError(errors)

    existing = {
        a.category: a for a in DemographicAnswer.objects.select_for_update().filter(user=user)
    }
    DemographicAnswer.objects.filter(user=user).exclude(category__in=keep).delete()
    now = timezone.now()
    for category, value in keep.items():
        answer = existing.get(category)
        if answer is None:
            DemographicAnswer.objects.create(
                user=user, category=category, value=value, consented_at=now
            )
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])
    audit_record(
        action="demographics.updated", obj=user, actor=user, data={"categories": sorted(keep)}
    )
    return list(DemographicAnswer.objects.filter(user=user).order_by("category"))


@transaction.atomic
def demographics_erase(*, user: User) -> int:
    """Deletes every demographic answer of the person. Returns how many were deleted."""
    deleted, _ = DemographicAnswer.objects.filter(user=user).delete()
    audit_record(action="demographics.erased", obj=user, actor=user, data={"answers": deleted})
    return deleted
