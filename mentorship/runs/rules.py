"""Who may run, preview and publish matching.

- `mentorship.run_matching`: platform staff start runs, see every run's whole result,
  download its audit export and publish it.
- `mentorship.preview_matching` (object: the organization): its admins preview their own
  terms' proposed placements. Mentees see nothing before the announcement."""

import rules

from accounts.rules import is_org_admin, is_platform_staff

rules.add_perm("mentorship.run_matching", is_platform_staff)
rules.add_perm("mentorship.preview_matching", is_org_admin)
