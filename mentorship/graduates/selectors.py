"""Reads of the graduates slice: what a person graduated in (from their letters of
completion), the profiles a viewer may see, and the employer a person acts for."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.http import Http404

from accounts.people.models import MenteeProfile
from core.tenancy import cross_tenant
from mentorship.certificates.models import Certificate
from mentorship.graduates.models import (
    Employer,
    EmployerMember,
    EmployerStatus,
    Endorsement,
    GraduateProfile,
    InterestRequest,
    Visibility,
)
from mentorship.mentorships.models import Mentorship, MentorshipState

PAGE_SIZE = 25


@cross_tenant
def graduate_certificates(*, user) -> list[dict]:
    """Cross-tenant because a graduate's letters come from every organization they
    graduated in; filtered by the person (their own graduated mentorships whose letter is
    not revoked). Returns what a profile copies: program, organization, term, year, id."""
    rows = (
        Certificate.objects.filter(
            mentorship__mentee=user,
            mentorship__state=MentorshipState.GRADUATED,
            revoked_at__isnull=True,
        )
        .select_related("mentorship__term__cycle")
        .order_by("-ends_at", "id")
    )
    return [
        {
            "verification_id": c.verification_id,
            "program_name": c.program_name,
            "organization_name": c.organization_name,
            "term_name": f"{c.mentorship.term.cycle.name} ({c.mentorship.term.get_kind_display()})",
            "year": c.ends_at.year,
        }
        for c in rows
    ]


def is_graduate(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_graduate", None)
    if cached is None:
        cached = bool(graduate_certificates(user=user))
        user._is_graduate = cached
    return cached


def profile_of(*, user) -> GraduateProfile | None:
    return GraduateProfile.objects.filter(user=user).first()


def employer_of(*, user) -> Employer | None:
    """The employer a person acts for (any status), cached on the user for the request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_employer"):
        member = EmployerMember.objects.filter(user=user).select_related("employer").first()
        user._employer = member.employer if member else None
    return user._employer


def approved_employer_of(*, user) -> Employer | None:
    employer = employer_of(user=user)
    if employer is not None and employer.status == EmployerStatus.APPROVED:
        return employer
    return None


def _uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def visible_profiles(*, employer: Employer | None) -> QuerySet[GraduateProfile]:
    """Published profiles only (withdrawing clears `published_at`, so it leaves every list
    at once). An approved employer sees employers-only and public profiles except those
    that blocked it; everyone else sees public ones."""
    profiles = GraduateProfile.objects.filter(published_at__isnull=False)
    if employer is None:
        return profiles.filter(visibility=Visibility.PUBLIC)
    return profiles.exclude(blocks__employer=employer)


def directory_search(
    *,
    employer: Employer | None,
    q: str = "",
    skill: str = "",
    program: str = "",
    organization: str = "",
    year: int | None = None,
    country: str = "",
    open_to_work: bool = False,
    remote: bool = False,
    order: str = "relevance",
) -> QuerySet[GraduateProfile]:
    """The directory: full-text search over the stored vector (PostgreSQL; icontains on
    SQLite) with filters on stored columns, ordered by relevance or recency."""
    profiles = visible_profiles(employer=employer)
    q = (q or "").strip()[:200]
    ranked = False
    if q:
        if _uses_postgres():
            from django.contrib.postgres.search import SearchQuery, SearchRank

            query = SearchQuery(q, search_type="websearch", config="english")
            profiles = profiles.filter(search_vector=query)
            if order == "relevance":
                profiles = profiles.annotate(rank=SearchRank(F("search_vector"), query))
                ranked = True
        else:
            profiles = profiles.filter(
                Q(display_name__icontains=q)
                | Q(headline__icontains=q)
                | Q(skills__icontains=q)
                | Q(project_summary__icontains=q)
                | Q(program_names__icontains=q)
            )
    if skill.strip():
        profiles = profiles.filter(show_skills=True, skills__icontains=skill.strip()[:100])
    if program.strip():
        profiles = profiles.filter(program_names__icontains=program.strip().lower()[:200])
    if organization.strip():
        profiles = profiles.filter(organization_names__icontains=organization.strip().lower()[:200])
    if year:
        profiles = profiles.filter(years__contains=f"|{year}|")
    if country.strip():
        profiles = profiles.filter(show_availability=True, country=country.strip().upper()[:2])
    if open_to_work:
        profiles = profiles.filter(show_availability=True, open_to_work=True)
    if remote:
        profiles = profiles.filter(show_availability=True, remote=True)
    if ranked:
        return profiles.order_by("-rank", "-published_at", "-id")
    return profiles.order_by("-published_at", "-id")


def profile_visible_get(*, employer: Employer | None, public_id) -> GraduateProfile:
    """A profile the viewer may see, or 404 (the same for withdrawn, missing, blocked)."""
    try:
        found = visible_profiles(employer=employer).filter(public_id=public_id).first()
    except (ValueError, ValidationError):
        found = None
    if found is None:
        raise Http404()
    return found


def accepted_endorsements(*, profile: GraduateProfile) -> QuerySet[Endorsement]:
    return Endorsement.objects.filter(graduate_id=profile.user_id, accepted_at__isnull=False)


def graduate_interests(*, profile: GraduateProfile) -> QuerySet[InterestRequest]:
    return InterestRequest.objects.filter(profile=profile).select_related("employer")


def employer_interests(*, employer: Employer) -> QuerySet[InterestRequest]:
    return InterestRequest.objects.filter(employer=employer).select_related("profile__user")


def graduate_interest_get(*, user, public_id) -> InterestRequest:
    found = (
        InterestRequest.objects.filter(profile__user=user, public_id=public_id)
        .select_related("employer", "profile")
        .first()
    )
    if found is None:
        raise Http404()
    return found


def endorsement_for_graduate_get(*, user, public_id) -> Endorsement:
    found = Endorsement.objects.filter(graduate=user, public_id=public_id).first()
    if found is None:
        raise Http404()
    return found


def pending_employers() -> QuerySet[Employer]:
    return Employer.objects.filter(status=EmployerStatus.PENDING).select_related("requested_by")


def staff_employer_get(*, public_id) -> Employer:
    found = Employer.objects.filter(public_id=public_id).select_related("requested_by").first()
    if found is None:
        raise Http404()
    return found


@cross_tenant
def graduated_mentorship_id(*, graduate, mentor):
    """Cross-tenant because a mentor's endorsement names a mentorship of any organization;
    filtered by the graduate and the mentor (one of its mentors). The public id or None."""
    return (
        Mentorship.objects.filter(
            mentee=graduate, mentors__user=mentor, state=MentorshipState.GRADUATED
        )
        .values_list("public_id", flat=True)
        .first()
    )


@cross_tenant
def endorsable_mentorship(*, mentor, public_id) -> Mentorship | None:
    """Cross-tenant because a mentor endorses from their own page, outside an organization;
    filtered by the mentorship's id, its state (graduated) and the mentor being one of its
    mentors. The mentorship (with its mentee and program) or None."""
    return (
        Mentorship.objects.filter(
            public_id=public_id, state=MentorshipState.GRADUATED, mentors__user=mentor
        )
        .select_related("mentee", "term__program")
        .first()
    )


def has_resume(*, user) -> bool:
    return MenteeProfile.objects.filter(user=user, resume__isnull=False).exists()


def shown_resume_id(*, profile: GraduateProfile, employer: Employer | None):
    """The public id of the mentee profile whose resume the graduate shows on `profile`, for
    the link to accounts' resume download, or None: no employer (public visitors never get
    it), not ticked, or no resume uploaded. The download itself checks again
    (`employer_sees_graduate_resume` in rules.py)."""
    if employer is None or not profile.show_resume:
        return None
    return (
        MenteeProfile.objects.filter(user_id=profile.user_id, resume__isnull=False)
        .values_list("public_id", flat=True)
        .first()
    )


def resume_shown_to(*, employer: Employer | None, user_id) -> bool:
    """Whether the person's graduate profile is published, shows its resume and is visible
    to `employer` (approved; not blocked). Withdrawing or unticking ends it at once."""
    if employer is None:
        return False
    return visible_profiles(employer=employer).filter(user_id=user_id, show_resume=True).exists()
