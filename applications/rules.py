"""Permissions of the applications app, one module per area (loaded by rules' autodiscovery)."""

from applications import rules_mentee  # noqa: F401
