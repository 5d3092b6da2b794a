"""Pages of the reviewers' dashboard under /o/<org>/review/.

Inline actions (score, conflict, shortlist) answer HTMX requests with the redrawn
dashboard row (and the progress bar, out of band); the same endpoints answer plain form
posts with a redirect, so everything works without JavaScript."""

from .applicant import *  # noqa: F403
from .applicant import _applicant_context  # noqa: F401
from .dashboard import *  # noqa: F403
from .dashboard import (
    _applicant_url,  # noqa: F401
    _columns,  # noqa: F401
    _dashboard_url,  # noqa: F401
    _flash,  # noqa: F401
    _htmx_row,  # noqa: F401
    _next_url,  # noqa: F401
    _row_context,  # noqa: F401
)
from .settings import *  # noqa: F403
