"""Who sees graduates: members of an approved employer browse the directory and write to
graduates who consented (`mentorship.browse_graduates`, `mentorship.send_interest`); a
graduate (a person with a graduated mentorship and a valid letter) keeps a profile
(`mentorship.keep_graduate_profile`). Public profiles need no permission. Employers get
nothing else: they hold no organization role, so every tenant rule denies them."""

import rules

from accounts.rules import allow_resume_viewers, is_platform_staff
from mentorship.graduates import selectors


@rules.predicate
def is_approved_employer(user) -> bool:
    return selectors.approved_employer_of(user=user) is not None


@rules.predicate
def is_graduate(user) -> bool:
    return selectors.is_graduate(user)


@rules.predicate
def profile_not_blocking(user, profile) -> bool:
    employer = selectors.approved_employer_of(user=user)
    if employer is None or profile is None:
        return False
    return selectors.visible_profiles(employer=employer).filter(pk=profile.pk).exists()


rules.add_perm("mentorship.browse_graduates", is_approved_employer)
rules.add_perm("mentorship.send_interest", is_approved_employer & profile_not_blocking)
rules.add_perm("mentorship.keep_graduate_profile", is_graduate)
rules.add_perm("mentorship.decide_employer", is_platform_staff)


@rules.predicate
def employer_sees_graduate_resume(user, mentee_profile) -> bool:
    """A member of an approved employer may download the resume of a graduate whose
    published profile it may see and who ticked "show my resume"."""
    if mentee_profile is None:
        return False
    employer = selectors.approved_employer_of(user=user)
    return selectors.resume_shown_to(employer=employer, user_id=mentee_profile.user_id)


# accounts' one resume download (accounts.view_resume) serves the file: no second path.
allow_resume_viewers(employer_sees_graduate_resume)
