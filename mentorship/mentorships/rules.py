"""Who may see and end an organization's mentorships. Default deny.

- `mentorship.view_mentorships`: members of the organization.
- `mentorship.end_mentorship`: its admins (with a reason, recorded in the audit log)."""

import rules

from accounts.rules import is_member, is_org_admin

rules.add_perm("mentorship.view_mentorships", is_member)
rules.add_perm("mentorship.end_mentorship", is_org_admin)
