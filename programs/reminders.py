"""Reminder rules of the programs app. core.reminders.registry autodiscovers this module;
importing each slice's reminders registers that slice's rules."""

from programs.follows import reminders as follows_reminders  # noqa: F401
