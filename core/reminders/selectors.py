"""Reads of the reminders' record: what went out, per rule and term, counted from the outbox
rows the sweep queued (their topic names the rule and the term)."""

from django.db.models import Count

from core.outbox.models import OutboxEmail
from core.reminders.models import ReminderPause
from core.reminders.services import reminder_topic


def reminders_sent_counts(*, rules: list[str], term_id: int) -> dict[str, dict[str, int]]:
    """Each rule's emails about the term by outbox state (queued, sending, sent, failed),
    in one query."""
    topics = {reminder_topic(rule=rule, term_id=term_id): rule for rule in rules}
    counts: dict[str, dict[str, int]] = {rule: {} for rule in rules}
    for topic, state, count in (
        OutboxEmail.objects.filter(topic__in=topics)
        .values("topic", "state")
        .annotate(count=Count("id"))
        .values_list("topic", "state", "count")
    ):
        counts[topics[topic]][state] = count
    return counts


def reminders_paused(*, term_id: int) -> set[str]:
    """The rules an admin paused for the term."""
    return set(ReminderPause.objects.filter(term_id=term_id).values_list("rule", flat=True))
