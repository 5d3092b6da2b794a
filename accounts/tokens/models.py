from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """A personal API token: named, revocable, stored only as a hash (django-rest-knox)."""

    name = models.CharField(max_length=60)
    # Created from a session that passed the second factor: only such a token opens the
    # pages' admin and staff doors when two-factor is required (accounts/mfa.py).
    second_factor = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
