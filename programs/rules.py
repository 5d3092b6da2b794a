"""Who may do what with programs and terms, as named predicates. Default deny.

Members see their organization's programs and terms; only admins change them (configuration
is an admin's job: coordinators and mentors cannot). Platform staff decide on programs and
write cycles from /staff/ (accounts.staff).

`is_term_mentor` is the one answer to "does this person mentor this term?" for every
higher app: the object is a Term, or any row with a `term_id` (an application)."""

import rules

from accounts.rules import is_member, is_org_admin, is_org_mentor, is_org_reviewer, viewer_of
from accounts.viewer import Viewer
from core.tenancy import cross_tenant
from programs.terms.models import Term, TermMentor


@cross_tenant
def terms_mentored(*, user_id: int, organization_id: int) -> frozenset[int]:
    """The ids of the terms a person mentors in one organization. Runs in any scope because
    predicates may ask about an object of another organization than the URL's; it filters
    by the person and the organization given."""
    return frozenset(
        TermMentor.objects.filter(organization_id=organization_id, user_id=user_id).values_list(
            "term_id", flat=True
        )
    )


def mentored_term_ids(viewer: Viewer) -> frozenset[int]:
    """The terms the viewer mentors in the viewer's organization, looked up once per
    context."""
    return viewer.lookup(
        "mentored_terms",
        lambda: terms_mentored(user_id=viewer.user.pk, organization_id=viewer.organization_id),
    )


def term_id_of(obj) -> int | None:
    if isinstance(obj, Term):
        return obj.pk
    return getattr(obj, "term_id", None)


@rules.predicate
def is_term_mentor(user, obj) -> bool:
    viewer = viewer_of(user, obj)
    term_id = term_id_of(obj)
    return viewer is not None and term_id is not None and term_id in mentored_term_ids(viewer)


# The people who look at a term's applicants: the organization's admins and coordinators,
# and the mentors of that term. Written once here; the applications app builds on it.
is_term_reviewer = is_org_reviewer | (is_org_mentor & is_term_mentor)

rules.add_perm("programs.view_program", is_member)
rules.add_perm("programs.manage_program", is_org_admin)
rules.add_perm("programs.view_term", is_member)
rules.add_perm("programs.manage_term", is_org_admin)
