"""Reads of the reminders' record: what went out, per rule and term, counted from the outbox
rows the sweep queued (their topic names the rule and the term)."""

from django.db.models import Count

from core.outbox.models import OutboxEmail
from core.reminders.models import ReminderOptOut, ReminderPause
from core.reminders.registry import rules
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


def reminder_preferences(*, user) -> dict[str, list]:
    """The rules among the person's preferences: {"optional": [(rule, on)], "always":
    [rule]}, without the rules sent to others only (staff ones for everyone else)."""
    off = set(ReminderOptOut.objects.filter(user=user).values_list("rule", flat=True))
    shown = [rule for rule in rules() if rule.shown_to(user)]
    return {
        "optional": [(rule, rule.name not in off) for rule in shown if rule.optional],
        "always": [rule for rule in shown if not rule.optional],
    }


def reminders_paused(*, term_id: int) -> set[str]:
    """The rules an admin paused for the term."""
    return set(ReminderPause.objects.filter(term_id=term_id).values_list("rule", flat=True))
