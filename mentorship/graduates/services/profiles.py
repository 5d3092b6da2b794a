"""Writes of the graduates slice: a graduate's profile and consent, employer accounts,
interest requests, blocks, abuse reports and endorsements. Each email also lands in
the person's in-app notifications (core/outbox).

This module: profiles and consent; employers.py, interests.py and endorsements.py the rest."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from mentorship.graduates import selectors
from mentorship.graduates.models import (
    GraduateCompletion,
    GraduateProfile,
    InterestRequest,
    InterestStatus,
)

PROFILE_FIELDS = (
    "display_name",
    "headline",
    "skills",
    "project_summary",
    "links",
    "open_to_work",
    "country",
    "remote",
    "show_skills",
    "show_project",
    "show_links",
    "show_availability",
    "show_resume",
    "visibility",
)


def _refresh_search(profile: GraduateProfile) -> None:
    """Copies the letters of completion onto the profile and rewrites the stored search
    vector and filter columns (one UPDATE)."""
    certificates = selectors.graduate_certificates(user=profile.user)
    GraduateCompletion.objects.filter(profile=profile).exclude(
        verification_id__in=[c["verification_id"] for c in certificates]
    ).delete()
    for certificate in certificates:
        GraduateCompletion.objects.update_or_create(
            profile=profile,
            verification_id=certificate["verification_id"],
            defaults={k: v for k, v in certificate.items() if k != "verification_id"},
        )
    programs = " | ".join(c["program_name"] for c in certificates)
    organizations = " | ".join(c["organization_name"] for c in certificates)
    updates = {
        "program_names": programs.lower(),
        "organization_names": organizations.lower(),
        "years": "|" + "|".join(sorted({str(c["year"]) for c in certificates})) + "|",
    }
    GraduateProfile.objects.filter(pk=profile.pk).update(**updates)
    if selectors._uses_postgres():
        from django.contrib.postgres.search import SearchVector
        from django.db.models import Value

        skills = profile.skills if profile.show_skills else ""
        project = profile.project_summary if profile.show_project else ""
        GraduateProfile.objects.filter(pk=profile.pk).update(
            search_vector=SearchVector(Value(profile.display_name), weight="A", config="english")
            + SearchVector(Value(f"{profile.headline} {skills}"), weight="A", config="english")
            + SearchVector(Value(f"{programs} {organizations}"), weight="B", config="english")
            + SearchVector(Value(project), weight="C", config="english")
        )
    for name, value in updates.items():
        setattr(profile, name, value)


@transaction.atomic
def profile_save(*, user: User, **fields) -> GraduateProfile:
    """Creates or changes a graduate's profile. Only a person with a graduated mentorship
    (and a letter of completion that is not revoked) has one. Saving does not publish."""
    if not selectors.graduate_certificates(user=user):
        raise PermissionDenied("Only graduates of a mentorship make a profile.")
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    profile = GraduateProfile.objects.select_for_update().filter(user=user).first()
    created = profile is None
    if created:
        profile = GraduateProfile(user=user, display_name=user.name or user.email.split("@")[0])
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.country = (profile.country or "").strip().upper()
    if profile.country and (len(profile.country) != 2 or not profile.country.isalpha()):
        raise ValidationError({"country": "Use the two-letter country code, like DE or BR."})
    if profile.show_resume and not selectors.has_resume(user=user):
        raise ValidationError(
            {"show_resume": "Upload your resume (a PDF) on your profile page first."}
        )
    for line in profile.link_list():
        if not line.startswith(("https://", "http://")):
            raise ValidationError({"links": f"“{line[:80]}” is not a web address (https://…)."})
    profile.full_clean(exclude=["user"])
    profile.save()
    _refresh_search(profile)
    audit_record(
        action="graduate_profile.created" if created else "graduate_profile.updated",
        obj=profile,
        actor=user,
        data={"fields": sorted(fields)},
    )
    return profile


@transaction.atomic
def profile_publish(*, profile: GraduateProfile, actor: User) -> GraduateProfile:
    """The graduate's explicit consent: the profile appears to approved employers (and to
    everyone if public)."""
    if profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate publishes their profile.")
    if profile.published_at is not None:
        return profile
    _refresh_search(profile)
    if not profile.completions.exists():
        raise ValidationError("A profile needs at least one completed mentorship to be shown.")
    profile.published_at = timezone.now()
    GraduateProfile.objects.filter(pk=profile.pk).update(published_at=profile.published_at)
    audit_record(
        action="graduate_profile.published",
        obj=profile,
        actor=actor,
        data={"visibility": profile.visibility},
    )
    return profile


@transaction.atomic
def profile_withdraw(*, profile: GraduateProfile, actor: User) -> GraduateProfile:
    """Consent withdrawn: the profile leaves every listing at once (every list filters on
    `published_at`). Its pending interest requests are closed as “not now”."""
    if profile.user_id != actor.pk:
        raise PermissionDenied("Only the graduate withdraws their profile.")
    GraduateProfile.objects.filter(pk=profile.pk).update(published_at=None)
    profile.published_at = None
    InterestRequest.objects.filter(profile=profile, status=InterestStatus.PENDING).update(
        status=InterestStatus.DECLINED, decided_at=timezone.now()
    )
    audit_record(action="graduate_profile.withdrawn", obj=profile, actor=actor)
    return profile
