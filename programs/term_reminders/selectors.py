"""A term's reminders as its admins see them: each rule's upcoming reminders about the term
(when they go out, to how many people, and a rendered sample: a dry run through the sweep's
own finder, filters and renderer), whether the rule is paused for the term, and what went
out already (outbox rows by state)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from core.reminders.registry import ReminderRule, rules
from core.reminders.selectors import reminders_paused, reminders_sent_counts
from core.reminders.services import reminder_preview, reminders_left
from programs.terms.models import Term

# How far ahead the page looks.
HORIZON = timedelta(days=30)


@dataclass
class ReminderOverview:
    rule: ReminderRule
    paused: bool
    # (send time, how many people), soonest first; what is due now has the send time `now`.
    sends: list[tuple[datetime, int]] = field(default_factory=list)
    audience: int = 0
    sample: dict | None = None
    sent: dict[str, int] = field(default_factory=dict)

    @property
    def next_at(self) -> datetime | None:
        return self.sends[0][0] if self.sends else None

    @property
    def waiting(self) -> int:
        return self.sent.get("queued", 0) + self.sent.get("sending", 0)

    @property
    def sent_total(self) -> int:
        return sum(self.sent.values())


def term_reminders(
    *, term: Term, now: datetime, horizon: timedelta = HORIZON, sample: bool = True
) -> list[ReminderOverview]:
    """Every rule's reminders about `term` from `now` to `now + horizon`: those not yet sent
    to people who did not turn them off (as the sweep would send them), grouped by send
    time. A fixed number of queries per rule, whatever the term's size."""
    everything = rules()
    paused = reminders_paused(term_id=term.pk)
    sent = reminders_sent_counts(rules=[rule.name for rule in everything], term_id=term.pk)
    overview = []
    for rule in everything:
        dues = reminders_left(
            rule=rule, batch=rule.upcoming(term_id=term.pk, now=now, until=now + horizon)
        )
        dues.sort(key=lambda due: (rule.send_at(due, now=now), due.subject))
        sends: Counter = Counter()
        people: set[int] = set()
        for due in dues:
            sends[rule.send_at(due, now=now).replace(second=0, microsecond=0)] += len(
                due.recipient_ids
            )
            people.update(due.recipient_ids)
        row = ReminderOverview(
            rule=rule,
            paused=rule.name in paused,
            sends=sorted(sends.items()),
            audience=len(people),
            sent=sent[rule.name],
        )
        if sample and dues:
            row.sample = reminder_preview(
                rule=rule, due=dues[0], recipient_id=dues[0].recipient_ids[0]
            )
        overview.append(row)
    return overview
