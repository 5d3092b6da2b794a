"""Who may do what in the decisions area, as named predicates over the viewer context.
Default deny. The object is the organization (the tenancy layer asks: may this person open
the area at all) or one application or term (may this person see or decide on this one).

- `applications.view_decision`: admins and coordinators see every decision; a mentor sees
  the decisions of the terms they mentor only (404 for another term's applicant, and lists
  filtered to their terms).
- `applications.view_every_decision`: admins and coordinators (lists are not filtered).
- `applications.accept_application`: admins, unless they declared a conflict with the
  applicant.
- `applications.decline_application`: admins and coordinators; a mentor of the
  application's term where the organization's policy lets mentors decide; nobody with a
  declared conflict.
- `applications.bulk_decline`: admins and coordinators.
- `applications.view_application_history`, `applications.manage_decision_texts`: admins."""

import rules

from accounts.rules import (
    is_org_admin,
    is_org_mentor,
    is_org_reviewer,
    is_organization,
    policy_lets_mentors_decide,
)
from applications.review.rules import has_declared_conflict
from programs.rules import is_term_mentor

# A mentor passes at the organization level (to open the area) and then only for the
# applications and terms they mentor.
mentor_of_this = is_org_mentor & (is_organization | is_term_mentor)

may_view_decision = is_org_reviewer | mentor_of_this
may_accept = is_org_admin & ~has_declared_conflict
may_decline = (
    is_org_reviewer | (mentor_of_this & policy_lets_mentors_decide)
) & ~has_declared_conflict

rules.add_perm("applications.view_decision", may_view_decision)
rules.add_perm("applications.view_every_decision", is_org_reviewer)
rules.add_perm("applications.accept_application", may_accept)
rules.add_perm("applications.decline_application", may_decline)
rules.add_perm("applications.bulk_decline", is_org_reviewer)
# Every state change, who made it and why: admins.
rules.add_perm("applications.view_application_history", is_org_admin)
rules.add_perm("applications.manage_decision_texts", is_org_admin)
