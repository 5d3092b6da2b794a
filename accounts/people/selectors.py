"""Reads about profiles, resumes and demographics, shared by pages, the API and later apps
(applications reuse `profile_missing_for_applying`, `mentee_profile_summary` and
`mentee_is_adult_on`; program pages use `mentor_profiles_for`)."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.http import Http404

from accounts.people.models import (
    DEMOGRAPHIC_CATEGORIES,
    DemographicAnswer,
    MenteeProfile,
    MentorProfile,
    User,
)
from accounts.people.services import ADULT_AGE, age_on

SMALL_NUMBER_THRESHOLD = 5


def mentee_profile_of(user: User) -> MenteeProfile:
    """The person's own profile; an unsaved empty one until they first save it."""
    profile = MenteeProfile.objects.filter(user=user).select_related("resume", "user").first()
    return profile or MenteeProfile(user=user)


def profile_missing_for_applying(user: User, profile: MenteeProfile | None = None) -> list[str]:
    """What the person still has to fill in before applying, in the order of the form.
    Empty when the profile is complete."""
    if profile is None:
        profile = mentee_profile_of(user)
    checks = [
        (bool(profile.legal_name), "legal name"),
        (bool(user.display_name), "display name"),
        (bool(profile.country), "country of residence"),
        (profile.adult_attested, "18+ attestation with date of birth"),
        (bool(profile.bio), "short bio"),
        (bool(profile.skills), "at least one skill"),
        (profile.resume_id is not None, "resume (PDF)"),
    ]
    return [label for done, label in checks if not done]


def mentee_is_adult_on(user: User, day: datetime.date) -> bool:
    """Whether the person attested being an adult and is 18 or older on `day` (e.g. the
    term's start), computed from the private date of birth without revealing it."""
    profile = MenteeProfile.objects.filter(user=user).only("date_of_birth", "adult_attested_at")
    profile = profile.first()
    return bool(
        profile
        and profile.adult_attested
        and profile.date_of_birth
        and age_on(profile.date_of_birth, day) >= ADULT_AGE
    )


@dataclass(frozen=True)
class MenteeProfileSummary:
    """What reviewers may see of a mentee: never the date of birth."""

    public_id: str
    display_name: str
    legal_name: str
    pronouns: str
    country: str
    country_name: str
    adult_attested: bool
    github_url: str
    linkedin_url: str
    bio: str
    skills: list = field(default_factory=list)
    skills_to_grow: list = field(default_factory=list)
    has_resume: bool = False


def mentee_profile_summary(profile: MenteeProfile) -> MenteeProfileSummary:
    return MenteeProfileSummary(
        public_id=str(profile.public_id),
        display_name=profile.user.name,
        legal_name=profile.legal_name,
        pronouns=profile.pronouns,
        country=profile.country.code or "",
        country_name=profile.country.name or "",
        adult_attested=profile.adult_attested,
        github_url=profile.github_url,
        linkedin_url=profile.linkedin_url,
        bio=profile.bio,
        skills=list(profile.skills),
        skills_to_grow=list(profile.skills_to_grow),
        has_resume=profile.resume_id is not None,
    )


def resume_profile_for(*, user: User, profile_id) -> MenteeProfile:
    """The profile whose resume `user` asks for, if `accounts.view_resume` allows it. No
    profile, no resume or no permission are the same 404."""
    profile = (
        MenteeProfile.objects.filter(public_id=profile_id, resume__isnull=False)
        .select_related("resume")
        .first()
    )
    if profile is None or not user.has_perm("accounts.view_resume", profile):
        raise Http404("No such file.")
    return profile


def mentor_profile_of(user: User) -> MentorProfile:
    return MentorProfile.objects.filter(user=user).first() or MentorProfile(user=user)


def mentor_profiles_for(*, users: Iterable[User]) -> dict[int, MentorProfile]:
    """Mentor profiles of several people in one query, {user id: profile}, for program
    pages. People without one get an empty unsaved profile."""
    users = list(users)
    found = {p.user_id: p for p in MentorProfile.objects.filter(user__in=users)}
    return {u.pk: found.get(u.pk) or MentorProfile(user=u) for u in users}


def my_demographics(user: User) -> dict[str, str]:
    """The person's own answers, {category: value}, for their own form only."""
    return dict(DemographicAnswer.objects.filter(user=user).values_list("category", "value"))


@dataclass(frozen=True)
class DemographicBucket:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class DemographicCategoryStatistics:
    category: str
    question: str
    buckets: list[DemographicBucket]
    hidden_buckets: int  # answers with fewer than the threshold, not shown


def demographic_statistics(
    *, users=None, threshold: int = SMALL_NUMBER_THRESHOLD
) -> list[DemographicCategoryStatistics]:
    """Counts of consented answers per category and answer, among `users` (a queryset or
    ids; everyone when None). Any answer given by fewer than `threshold` people is hidden,
    and no totals are returned, so a small group cannot be singled out by subtraction."""
    answers = DemographicAnswer.objects.all()
    if users is not None:
        answers = answers.filter(user__in=users)
    counts = Counter(answers.values_list("category", "value"))
    result = []
    for category, (question, choices) in DEMOGRAPHIC_CATEGORIES.items():
        buckets, hidden = [], 0
        for value, label in choices:
            count = counts.get((category, value), 0)
            if count >= threshold:
                buckets.append(DemographicBucket(value=value, label=label, count=count))
            elif count:
                hidden += 1
        result.append(
            DemographicCategoryStatistics(
                category=category, question=question, buckets=buckets, hidden_buckets=hidden
            )
        )
    return result


def user_verified_emails(*, user: User) -> set[str]:
    """The person's verified addresses, lowercased: the only proof an invitation is theirs."""
    if not user.is_authenticated:
        return set()
    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }
