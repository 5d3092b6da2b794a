"""Who may see and end an organization's mentorships. Default deny.

- `mentorship.view_mentorships`: members may open the organization's list; what it holds is
  decided per mentorship below.
- `mentorship.view_mentorship`: admins and coordinators see every mentorship; a mentor only
  those of the terms they mentor (404 otherwise), as for applicants and decisions.
- `mentorship.view_every_mentorship`: admins and coordinators (lists are not filtered).
- `mentorship.end_mentorship`: admins (with a reason, recorded in the audit log).

`is_mentorship_mentor` is the one answer to "is this person a mentor of this mentorship?"
for the term's slices (evaluations, tasks): the object is a Mentorship or any row with a
`mentorship_id`."""

import rules

from accounts.rules import is_member, is_org_admin, is_org_reviewer, viewer_of
from accounts.viewer import Viewer
from core.tenancy import cross_tenant
from mentorship.mentorships.models import Mentorship, MentorshipMentor
from programs.rules import is_term_reviewer


@cross_tenant
def mentorships_mentored(*, user_id: int, organization_id: int) -> frozenset[int]:
    """The ids of the mentorships a person mentors in one organization. Runs in any scope
    because predicates may ask about an object of another organization than the URL's; it
    filters by the person and the organization given."""
    return frozenset(
        MentorshipMentor.objects.filter(
            organization_id=organization_id, user_id=user_id
        ).values_list("mentorship_id", flat=True)
    )


def mentored_mentorship_ids(viewer: Viewer) -> frozenset[int]:
    return viewer.lookup(
        "mentored_mentorships",
        lambda: mentorships_mentored(
            user_id=viewer.user.pk, organization_id=viewer.organization_id
        ),
    )


def mentorship_id_of(obj) -> int | None:
    if isinstance(obj, Mentorship):
        return obj.pk
    return getattr(obj, "mentorship_id", None)


@rules.predicate
def is_mentorship_mentor(user, obj) -> bool:
    viewer = viewer_of(user, obj)
    mentorship_id = mentorship_id_of(obj)
    return (
        viewer is not None
        and mentorship_id is not None
        and mentorship_id in mentored_mentorship_ids(viewer)
    )


rules.add_perm("mentorship.view_mentorships", is_member)
rules.add_perm("mentorship.view_mentorship", is_term_reviewer)
rules.add_perm("mentorship.view_every_mentorship", is_org_reviewer)
rules.add_perm("mentorship.end_mentorship", is_org_admin)
