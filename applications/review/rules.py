"""Who may review, as named predicates (django-rules). Default deny.

Organization level (checked by `organization_view` / `OrganizationAPIMixin`):
- `applications.view_reviews`: any member may open the review pages; which terms a person
  sees is decided per term below (a mentor sees only terms they mentor, 404 otherwise).
- `applications.manage_selection_settings`, `applications.view_conflicts`: admins.

Term level (object = a Term):
- `applications.review_term`: admins and coordinators of the term's organization, and the
  term's mentors (TermMentor).
- `applications.shortlist_term`: admins and coordinators; the term's mentors too where the
  organization's selection settings say "mentors may shortlist".

Reviewers may download the resumes of the applicants they may review (registered with
accounts.rules.allow_resume_viewers), unless they declared a conflict with them."""

import rules
from django_scopes import scopes_disabled

from accounts.organizations.models import Role
from accounts.organizations.selectors import user_roles
from accounts.rules import allow_resume_viewers, is_member, is_org_admin
from applications.review.selectors.access import (
    is_term_mentor,
    reviewable_applications_of,
    selection_settings_of,
)

ORGANIZATION_REVIEWERS = (Role.ADMIN, Role.COORDINATOR)


def role_in(user, organization_id) -> str | None:
    if not user.is_authenticated:
        return None
    return user_roles(user).get(organization_id)


@rules.predicate
def may_review_term(user, term) -> bool:
    role = role_in(user, term.organization_id)
    if role in ORGANIZATION_REVIEWERS:
        return True
    return role == Role.MENTOR and is_term_mentor(user=user, term=term)


@rules.predicate
def may_shortlist_term(user, term) -> bool:
    role = role_in(user, term.organization_id)
    if role in ORGANIZATION_REVIEWERS:
        return True
    return (
        role == Role.MENTOR
        and selection_settings_of(organization=term.organization).mentors_may_shortlist
        and is_term_mentor(user=user, term=term)
    )


@rules.predicate
def may_view_resume_as_reviewer(user, profile) -> bool:
    """CROSS-TENANT on purpose: the resume belongs to a person, not a tenant; the answer is
    yes when any of the person's submitted applications may be reviewed by `user`."""
    if profile is None or not user.is_authenticated:
        return False
    with scopes_disabled():
        return reviewable_applications_of(user=user, applicant_id=profile.user_id).exists()


rules.add_perm("applications.view_reviews", is_member)
rules.add_perm("applications.manage_selection_settings", is_org_admin)
rules.add_perm("applications.view_conflicts", is_org_admin)
rules.add_perm("applications.review_term", may_review_term)
rules.add_perm("applications.shortlist_term", may_shortlist_term)
allow_resume_viewers(may_view_resume_as_reviewer)
