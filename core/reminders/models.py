from django.conf import settings
from django.db import models


class ReminderClaim(models.Model):
    """The claim of one reminder: a rule, the subject it is about and one recipient, unique
    together. The sweep inserts claims and queues the email for those it inserted in the same
    transaction, so a reminder goes out once however many sweeps overlap, and a sweep killed
    before its commit leaves neither claim nor email for the next one to find.

    `subject` names what the reminder is about and the instant it counts from
    ("evaluation:12@2026-12-01T18:00"): a milestone moved later is a new subject, reminded
    again relative to its new date; the old one is never sent twice.

    Platform plumbing like the outbox (the sweep runs outside any tenant); `organization` is
    kept for the record and the admins' pages."""

    rule = models.CharField(max_length=80)
    subject = models.CharField(max_length=120)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The sweep that inserted the claim: it reads back its own claims by this token.
    token = models.UUIDField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "subject", "recipient"], name="one_reminder_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.subject} to {self.recipient_id}"


class ReminderOptOut(models.Model):
    """A person turned a reminder rule off (the preferences page, or one click on an email's
    List-Unsubscribe). Only rules marked `optional` can be: a deadline on one's own
    application, evaluation or task is always sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "rule"], name="one_opt_out_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} turned {self.rule} off"


class ReminderPause(models.Model):
    """An admin paused a rule for one term: the sweep claims and sends none of that term's
    reminders of the rule while the row exists (nothing is claimed, so resuming sends what
    is still due). `term_id` names a programs.Term (core names no higher app's model)."""

    rule = models.CharField(max_length=80)
    term_id = models.PositiveBigIntegerField()
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "term_id"], name="one_pause_per_rule_and_term")
        ]

    def __str__(self) -> str:
        return f"{self.rule} paused for term {self.term_id}"
