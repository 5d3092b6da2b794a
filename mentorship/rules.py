"""Permissions of the mentorship app. django-rules autodiscovers this module; importing
each slice's rules registers that slice's named permissions."""

from mentorship.assignments import rules as assignments_rules  # noqa: F401
from mentorship.certificates import rules as certificates_rules  # noqa: F401
from mentorship.evaluations import rules as evaluations_rules  # noqa: F401
from mentorship.graduates import rules as graduates_rules  # noqa: F401
from mentorship.mentorships import rules as mentorships_rules  # noqa: F401
from mentorship.offers import rules as offers_rules  # noqa: F401
from mentorship.runs import rules as runs_rules  # noqa: F401
