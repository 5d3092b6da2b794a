"""Reminder rules of the mentorship app. core.reminders.registry autodiscovers this module;
importing each slice's reminders registers that slice's rules."""

from mentorship.assignments import reminders as assignments_reminders  # noqa: F401
from mentorship.evaluations import reminders as evaluations_reminders  # noqa: F401
from mentorship.offers import reminders as offers_reminders  # noqa: F401
