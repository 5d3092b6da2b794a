"""Who may give, correct and read evaluations and the mentee's feedback. Default deny.

- `mentorship.give_verdict`: a mentor of the mentorship, or an admin.
- `mentorship.correct_verdict`: admins (with a reason; both verdicts are kept).
- `mentorship.view_mentee_feedback`: admins. The mentee's feedback is kept from the
  mentors (and from coordinators); the mentee reads their own on the /me/ page."""

import rules

from accounts.rules import is_org_admin, is_org_mentor
from mentorship.mentorships.rules import is_mentorship_mentor

rules.add_perm("mentorship.give_verdict", is_org_admin | (is_org_mentor & is_mentorship_mentor))
rules.add_perm("mentorship.correct_verdict", is_org_admin)
rules.add_perm("mentorship.view_mentee_feedback", is_org_admin)
