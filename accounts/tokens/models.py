from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """A personal API token: named, revocable, stored only as a hash (django-rest-knox)."""

    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
