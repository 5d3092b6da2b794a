"""Instants are shown with core.dates (one format for the whole site); these names stay for
the services that write dates into their messages."""

from core.dates import format_instant, zone_name

__all__ = ["format_instant", "zone_name"]
