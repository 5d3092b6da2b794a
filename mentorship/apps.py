from django.apps import AppConfig


class MentorshipConfig(AppConfig):
    """What follows a decision: offers and their confirmation, mentorships, matching."""

    name = "mentorship"
    default_auto_field = "django.db.models.BigAutoField"
