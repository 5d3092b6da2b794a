"""Permissions of the applications app, one module per area (imported here so django-rules
autodiscovers them)."""

from applications import rules_review  # noqa: F401
