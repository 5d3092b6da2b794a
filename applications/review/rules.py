"""Who may review, as named predicates over the viewer context (django-rules). Default deny.

Organization level (checked by `organization_view` / `OrganizationAPIMixin` with the
organization):
- `applications.view_reviews`: any member may open the review area; which terms and
  applicants a person sees is decided per object below (404 otherwise).
- `applications.view_conflicts`, `applications.read_all_review_notes`: admins.

Term level (object = a Term):
- `applications.review_term`: admins and coordinators of the term's organization, and the
  term's mentors.
- `applications.shortlist_term`: admins and coordinators; the term's mentors too where the
  organization's policy lets mentors shortlist.

Application level (object = an Application):
- `applications.review_application`: may open the applicant in the review area (the people
  who review its term), even after declaring a conflict (the page then hides the reviews).
- `applications.write_review`: review it, unless the person declared a conflict with it.
- `applications.shortlist_application`: shortlist it (`shortlist_term` of its term),
  unless the person declared a conflict with it.

Reviewers may download the resumes of the applicants they may review (registered with
accounts.rules.allow_resume_viewers), unless they declared a conflict with them."""

import rules

from accounts.organizations.selectors import user_roles
from accounts.rules import (
    allow_resume_viewers,
    is_member,
    is_org_admin,
    is_org_mentor,
    is_org_reviewer,
    policy_lets_mentors_shortlist,
    viewer_of,
)
from accounts.viewer import Viewer
from applications.apply.models import Application
from applications.review.selectors.access import conflicts_declared
from core.tenancy import cross_tenant
from programs.rules import is_term_mentor, is_term_reviewer


def conflicted_application_ids(viewer: Viewer) -> frozenset[int]:
    """The applications the viewer declared a conflict with in the viewer's organization,
    looked up once per context."""
    return viewer.lookup(
        "conflicted_applications",
        lambda: conflicts_declared(user_id=viewer.user.pk, organization_id=viewer.organization_id),
    )


@rules.predicate
def has_declared_conflict(user, application) -> bool:
    """The person declared a conflict of interest with this applicant: they may no longer
    review, shortlist or decide on them."""
    viewer = viewer_of(user, application)
    return (
        viewer is not None
        and isinstance(application, Application)
        and application.pk in conflicted_application_ids(viewer)
    )


@rules.predicate
def is_application(user, obj) -> bool:
    return isinstance(obj, Application)


@cross_tenant
def reviews_an_application_of(user, applicant_id: int) -> bool:
    """Cross-tenant because a resume belongs to a person, not a tenant: whether `user` may
    write a review (`applications.write_review`: reviews its term, no declared conflict) of
    any submitted application of that person. Reads only the person's applications in the
    organizations `user` belongs to, and asks the same permission the review pages ask."""
    organizations = list(user_roles(user))
    candidates = (
        Application.objects.filter(applicant_id=applicant_id, organization_id__in=organizations)
        .filter(submitted_at__isnull=False)
        .exclude(state="draft")
        .select_related("term")
    )
    return any(user.has_perm("applications.write_review", a) for a in candidates)


@rules.predicate
def may_view_resume_as_reviewer(user, profile) -> bool:
    """Yes when `user` may review one of the profile owner's applications."""
    if profile is None or not user.is_authenticated:
        return False
    return reviews_an_application_of(user, profile.user_id)


may_shortlist = is_org_reviewer | (is_org_mentor & is_term_mentor & policy_lets_mentors_shortlist)

rules.add_perm("applications.view_reviews", is_member)
rules.add_perm("applications.view_conflicts", is_org_admin)
rules.add_perm("applications.read_all_review_notes", is_org_admin)
rules.add_perm("applications.review_term", is_term_reviewer)
rules.add_perm("applications.shortlist_term", may_shortlist)
rules.add_perm("applications.review_application", is_application & is_term_reviewer)
rules.add_perm(
    "applications.write_review", is_application & is_term_reviewer & ~has_declared_conflict
)
rules.add_perm(
    "applications.shortlist_application", is_application & may_shortlist & ~has_declared_conflict
)
allow_resume_viewers(may_view_resume_as_reviewer)
