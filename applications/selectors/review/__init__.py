"""Reads of the reviewers' dashboard, shared by pages, the API and the decisions area.

Who sees what:
- a term's applicants are seen by the organization's admins and coordinators and by the
  term's own mentors; anyone else (a mentor of another term) gets the same 404 as for a
  missing term;
- scores and review counts of an applicant are hidden from a reviewer who declared a
  conflict with them, and so is every review;
- private notes are read by their author and by the organization's admins.

The dashboard is one query for the page whatever the number of applicants: averages,
counts, "reviewed by me" and the applicant's other active applications are correlated
subqueries, pagination happens in SQL, and sorting uses a whitelist (SORTS)."""

from .access import *  # noqa: F403
from .access import (
    _context_annotations,  # noqa: F401
    _context_for,  # noqa: F401
    _count,  # noqa: F401
    _required_prerequisites,  # noqa: F401
)
from .applicant import *  # noqa: F403
from .dashboard import *  # noqa: F403
from .dashboard import (
    _filtered,  # noqa: F401
    _skill_needle,  # noqa: F401
)
from .progress import *  # noqa: F403
