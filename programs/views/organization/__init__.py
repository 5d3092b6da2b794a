"""Pages under /o/<org>/ for programs and terms. Members see; admins change."""

from .prerequisites import *  # noqa: F403
from .programs import *  # noqa: F403
from .programs import (
    _can_manage,  # noqa: F401
    _flash_error,  # noqa: F401
)
from .terms import *  # noqa: F403
from .terms import (
    _back_to_term,  # noqa: F401
    _term_context,  # noqa: F401
    _term_mentor,  # noqa: F401
)
