"""Who may assign, complete and return tasks. Default deny.

- `mentorship.manage_tasks`: a mentor of the mentorship (object: a mentorship or a task),
  of the term (object: a term, for a task to all its mentees), or an admin. The mentee
  moves their own tasks to In progress and Submitted (checked by the services)."""

import rules

from accounts.rules import is_org_admin, is_org_mentor
from mentorship.mentorships.rules import is_mentorship_mentor
from programs.rules import is_term_mentor

rules.add_perm(
    "mentorship.manage_tasks",
    is_org_admin | (is_org_mentor & (is_mentorship_mentor | is_term_mentor)),
)
