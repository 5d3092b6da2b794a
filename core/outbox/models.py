from django.db import models


class OutboxState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboxEmail(models.Model):
    """One email to one recipient, rendered when the change that caused it was made and
    written in that change's transaction, then sent by a task after commit. A mail server
    that is down delays the email (the task retries with backoff) but never loses it nor
    fails the request that caused it.

    Not tenant-scoped: the sending task and the sweep run outside any tenant, and a row is
    only ever looked up by its id; `organization` is kept for the record."""

    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=998)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    # Extra headers of the message (a reminder's List-Unsubscribe, RFC 8058).
    headers = models.JSONField(default=dict, blank=True)
    # What the email is part of, for counting what went out: "reminder:<rule>:<term id>",
    # "announcement:<id>"; empty for a one-off event email.
    topic = models.CharField(max_length=120, blank=True, default="")
    state = models.CharField(max_length=10, choices=OutboxState.choices, default=OutboxState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # When a task is expected to pick the row up (now, or after a retry's backoff): the
    # sweep re-enqueues queued rows well past it, whose task was lost.
    next_attempt_at = models.DateTimeField()
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            models.Index(
                fields=["topic", "state"],
                condition=~models.Q(topic=""),
                name="outbox_topic_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to} ({self.state})"
