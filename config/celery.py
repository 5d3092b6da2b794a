"""The Celery app. Broker and behaviour come from Django settings (CELERY_*); the beat
schedule lives here, in one place."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Tasks live in the slices that own them (thin shells over services); list each module's
# package here so workers and web processes register the same tasks.
app.autodiscover_tasks(
    [
        "core",
        "core.outbox",
        "core.reminders",
        "applications.decisions",
        "mentorship.offers",
        "mentorship.runs",
        "payments.payouts",
        "mentorship.stats",
        "mentorship.announcements",
    ]
)

# Periodic jobs. Each task is safe to run twice (status checks, unique sent-logs).
app.conf.beat_schedule = {
    "platform-heartbeat": {
        "task": "core.heartbeat",
        "schedule": 300.0,
    },
    # The email outbox: send again the emails whose task was lost (a broker restart, a
    # worker killed mid-send); sending claims each row first, so none goes out twice.
    "core-outbox-sweep": {
        "task": "core.outbox_sweep",
        "schedule": 300.0,
    },
    # applications, decisions area: announce decisions once the cycle's instant passed and
    # lapse unanswered offers (the reminder before an offer's deadline is a reminder rule).
    "applications-announce-decisions": {
        "task": "applications.announce_decisions",
        "schedule": 60.0,
    },
    "applications-lapse-offers": {
        "task": "applications.lapse_offers",
        "schedule": 300.0,
    },
    # Timeline reminders (core.reminders; rules in each app's reminders.py): every rule,
    # each reminder claimed once per (rule, subject, recipient) before it is queued.
    "core-reminders-sweep": {
        "task": "core.reminders_sweep",
        "schedule": 600.0,
    },
    # Announcements (mentorship.announcements): send those whose time came and those whose
    # worker was lost; each person is claimed once, so a second run skips who has it.
    "mentorship-announcements-sweep": {
        "task": "mentorship.announcements_sweep",
        "schedule": 60.0,
    },
    # mentorship: the public statistics' snapshot (/stats/), so the page reads one row.
    "mentorship-stats-refresh": {
        "task": "mentorship.stats_refresh",
        "schedule": 3600.0,
    },
}
