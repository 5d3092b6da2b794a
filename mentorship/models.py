"""Django loads each app's `models` module; the models of mentorship live in its slices."""

from mentorship.mentorships import models as mentorships  # noqa: F401
from mentorship.runs import models as runs  # noqa: F401
