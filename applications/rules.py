"""Permissions of the applications app: one module per area (django-rules autodiscovers
this module; each import registers that area's named permissions)."""

from applications import rules_decisions, rules_mentee, rules_review  # noqa: F401
