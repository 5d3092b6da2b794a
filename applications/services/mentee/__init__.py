"""The mentee's side of applying: start, save a draft as you go, answer prerequisites,
submit, withdraw, rank. Every write, shared by the pages and the API, one transaction each.

Concurrency: every write that depends on the person's other applications in the cycle (the
limit of active applications, the ranking) first locks the applicant's user row, so two
submissions at the same moment are counted one after the other and never exceed the
cycle's limit. State moves go through `application_transition` (compare-and-set), so a
double click on Submit submits once."""

from .answers import *  # noqa: F403
from .answers import (
    _clean_url,  # noqa: F401
    _closed_message,  # noqa: F401
    _prerequisite_of,  # noqa: F401
)
from .common import *  # noqa: F403
from .common import (
    _lock_applicant,  # noqa: F401
    _locked,  # noqa: F401
    _require_owner,  # noqa: F401
)
from .ranking import *  # noqa: F403
from .ranking import (
    _check_ranking_open,  # noqa: F401
    _renumber,  # noqa: F401
)
from .submit import *  # noqa: F403
from .submit import (
    _email_submitted,  # noqa: F401
    _missing_for_submit,  # noqa: F401
    _next_rank,  # noqa: F401
)
