"""Django loads each app's `models` module; the models of mentorship live in its slices."""

from mentorship.mentorships import models as mentorships  # noqa: F401
