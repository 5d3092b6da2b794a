"""The Celery app. Broker and behaviour come from Django settings (CELERY_*); the beat
schedule lives here, in one place."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorship.settings.dev")

app = Celery("mentorship")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic jobs. Each task is safe to run twice (status checks, unique sent-logs).
app.conf.beat_schedule = {
    "platform-heartbeat": {
        "task": "mentorship.heartbeat",
        "schedule": 300.0,
    },
}
