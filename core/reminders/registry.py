"""The reminder rules' registry. core knows no domain: each app declares its rules in its
own `reminders.py` (next to what they are about) and registers them here with
`register(...)`; `rules()` imports every installed app's `reminders` module first (Django's
autodiscovery, as the admin does), so the sweep sees them all.

A rule has a name (stable: it is part of each claim), a trigger said in words (a milestone
kind and an offset, or a state that lasts too long), an audience said in words, a template
(`templates/emails/reminders/<template>.txt` and `<template>_subject.txt`, rendered in each
recipient's time zone) and `due(now)`, a `@cross_tenant` finder returning the list of reminders
due at `now`, each with its recipients (a list: the scope is lifted only while it runs)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Due:
    """One reminder due: what it is about (`subject`, with the instant it counts from), the
    organization, the recipients' user ids and the template's context (plain values). `at`
    is the instant the rule counts from and `term_id` the term it belongs to (admins pause a
    rule per term and see its reminders there)."""

    subject: str
    organization_id: int | None
    recipient_ids: list[int]
    context: dict = field(default_factory=dict)
    at: datetime | None = None
    term_id: int | None = None


@dataclass(frozen=True)
class ReminderRule:
    name: str
    trigger: str
    audience: str
    template: str
    find: Callable[..., Iterable[Due]]
    window: tuple[timedelta, timedelta]
    # Whether a person may turn it off: never for a deadline on their own application,
    # evaluation or task.
    optional: bool = False
    # Sent to platform staff only: nobody else sees it among their reminder preferences.
    staff_only: bool = False

    def shown_to(self, user) -> bool:
        """Whether the rule is among `user`'s reminder preferences."""
        return user.is_staff or not self.staff_only

    def due(self, now: datetime) -> Iterable[Due]:
        """What the sweep sends at `now`."""
        return self.find(now + self.window[0], now + self.window[1])

    def upcoming(self, *, term_id: int, now: datetime, until: datetime) -> list[Due]:
        """The term's reminders due from `now` to `until`: those due now and those whose
        instant enters the window before `until` (see `send_at`)."""
        return list(self.find(now + self.window[0], until + self.window[1], term_id=term_id))

    def send_at(self, due: Due, *, now: datetime) -> datetime:
        """When the sweep sends `due`: once its instant is within the window's far end (or
        now, when it already is)."""
        if due.at is None:
            return now
        return max(now, due.at - self.window[1])


_RULES: dict[str, ReminderRule] = {}


def register(rule: ReminderRule) -> ReminderRule:
    if _RULES.get(rule.name, rule) is not rule:
        raise ValueError(f"Two reminder rules are named {rule.name!r}.")
    _RULES[rule.name] = rule
    return rule


def rule_get(name: str) -> ReminderRule | None:
    return {rule.name: rule for rule in rules()}.get(name)


def rules() -> list[ReminderRule]:
    autodiscover_modules("reminders")
    return sorted(_RULES.values(), key=lambda rule: rule.name)


def subject_key(kind: str, pk: int, at: datetime) -> str:
    """A subject counted from an instant: moving the instant makes a new subject."""
    return f"{kind}:{pk}@{_stamp(at)}"


@lru_cache(maxsize=4096)
def _stamp(at: datetime) -> str:
    # Formatting a datetime is slow next to the rest; a finder repeats a term's few instants
    # over thousands of rows.
    return f"{at:%Y-%m-%dT%H:%M}"


def link_maker(name: str, vary: str, **fixed) -> Callable[[object], str]:
    """An absolute link to the route `name` for many values of its argument `vary` (the
    other arguments `fixed`): reversed once, the value put in per item, so a finder over
    100,000 rows does not reverse 100,000 times. For a `<uuid:...>` argument."""
    marker = "00000000-0000-0000-0000-00000000dead"
    prefix = settings.SITE_URL.rstrip("/")
    template = prefix + reverse(name, kwargs={**fixed, vary: marker})

    def link(value) -> str:
        return template.replace(marker, str(value))

    return link
