"""Permissions of the applications app. django-rules autodiscovers this module; importing
each slice's rules registers that slice's named permissions."""

from applications.apply import rules as apply_rules  # noqa: F401
from applications.decisions import rules as decisions_rules  # noqa: F401
from applications.ranking import rules as ranking_rules  # noqa: F401
from applications.review import rules as review_rules  # noqa: F401
