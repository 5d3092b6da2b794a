"""Reminder rules of the applications app. core.reminders.registry autodiscovers this module;
importing each slice's reminders registers that slice's rules."""

from applications.apply import reminders as apply_reminders  # noqa: F401
from applications.review import reminders as review_reminders  # noqa: F401
