"""Reads of the mentee's side of applying, shared by the pages and the API: eligibility,
the prerequisites of a term, the mentee's own applications across organizations and their
ranking.

Functions marked CROSS-TENANT run unscoped on purpose: a mentee's applications span
organizations, and a cycle's per-mentee rules count across all of them. Each one filters by
the applicant (the signed-in person) and is reviewed like security code."""

from .eligibility import *  # noqa: F403
from .mine import *  # noqa: F403
from .mine import _next_step  # noqa: F401
from .prerequisites import *  # noqa: F403
from .prerequisites import _rows  # noqa: F401
