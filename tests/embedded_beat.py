"""The project's beat schedule with every interval shortened to one second, for
tests/test_embedded_schedule.py: `celery -A tests.embedded_beat beat` sends the real periodic
jobs (same names, same tasks) at once instead of after five minutes."""

from config.celery import app

app.conf.beat_schedule = {
    name: {**entry, "schedule": 1.0} for name, entry in app.conf.beat_schedule.items()
}
