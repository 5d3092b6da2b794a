"""The embedded default shows an announcement happening: the demo data holds one queued to
borealis's mentees for two minutes after loading; with no Redis, the real worker and beat of
`make run` (kombu's filesystem transport) send it through the outbox. Here its time is moved
to now, and the periodic sweep, which only beat starts, sends it: the announcement ends
done and the mentee has it in their notifications. SQLite smoke pass, own file and
processes (like tests/test_embedded_schedule.py)."""

import time

import pytest

from mentorship.announcements.demo import SUBJECT
from tests.embedded import Embedded

pytestmark = pytest.mark.smoke

DUE_NOW = f"""
from django.utils import timezone
from django_scopes import scopes_disabled
from mentorship.announcements.models import Announcement
with scopes_disabled():
    assert Announcement.objects.filter(subject={SUBJECT!r}, state="queued").update(
        send_after=timezone.now()
    ) == 1
"""


def test_the_demo_announcement_is_sent_by_the_embedded_worker_and_beat(tmp_path):
    embedded = Embedded(tmp_path)
    embedded.manage("migrate", "--noinput")
    embedded.manage("load_demo")
    embedded.manage("shell", "-c", DUE_NOW)

    state = ""
    with embedded.worker_and_beat():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            (state,) = embedded.query(
                "SELECT state FROM mentorship_announcement WHERE subject = ?", SUBJECT
            )
            if state == "done":
                break
            time.sleep(0.5)
        assert state == "done", embedded.log()[-4000:]
        assert "mentorship.announcements_sweep" in embedded.log()
    (notified,) = embedded.query(
        "SELECT count(*) FROM core_notification n JOIN accounts_user u ON u.id = n.user_id"
        " WHERE u.email = 'mentee@example.org' AND n.title LIKE ?",
        f"%{SUBJECT}%",
    )
    assert notified == 1
