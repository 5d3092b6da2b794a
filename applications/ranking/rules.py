"""Who may see and change a term's rank list (object: the organization or a term).

- `applications.view_rank_list`: admins and coordinators.
- `applications.rank_applicants`: admins and coordinators reorder the list and set its cut
  line."""

import rules

from accounts.rules import is_org_reviewer

rules.add_perm("applications.view_rank_list", is_org_reviewer)
rules.add_perm("applications.rank_applicants", is_org_reviewer)
