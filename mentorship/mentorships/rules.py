"""Who may see and end an organization's mentorships. Default deny.

- `mentorship.view_mentorships`: members may open the organization's list; what it holds is
  decided per mentorship below.
- `mentorship.view_mentorship`: admins and coordinators see every mentorship; a mentor only
  those of the terms they mentor (404 otherwise), as for applicants and decisions.
- `mentorship.view_every_mentorship`: admins and coordinators (lists are not filtered).
- `mentorship.end_mentorship`: admins (with a reason, recorded in the audit log)."""

import rules

from accounts.rules import is_member, is_org_admin, is_org_reviewer
from programs.rules import is_term_reviewer

rules.add_perm("mentorship.view_mentorships", is_member)
rules.add_perm("mentorship.view_mentorship", is_term_reviewer)
rules.add_perm("mentorship.view_every_mentorship", is_org_reviewer)
rules.add_perm("mentorship.end_mentorship", is_org_admin)
