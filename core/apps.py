from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing with no domain knowledge: state transitions, idempotency, the audit log,
    uploads, the email outbox, API errors, health and middleware."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"
