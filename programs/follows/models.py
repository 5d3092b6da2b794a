from django.conf import settings
from django.db import models


class ProgramFollow(models.Model):
    """A person follows a program (its public page's "Follow" button) to hear when a term's
    applications open. Personal, like a notification: read only by its own person, and by the
    reminder sweep (programs/follows/reminders.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "program"], name="one_follow_per_program")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.program_id}"
