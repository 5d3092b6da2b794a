from django.core.validators import RegexValidator
from django.db import models

from accounts.logos import logo_upload_to

slug_validator = RegexValidator(
    r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$",
    "Use 1–50 lowercase letters, digits or hyphens, starting and ending with a letter or digit.",
)


class Organization(models.Model):
    """The tenant: a foundation or community. Everything it owns carries this key."""

    slug = models.SlugField(max_length=50, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(max_length=3000, blank=True)
    website = models.URLField(blank=True)
    logo = models.FileField(upload_to=logo_upload_to, blank=True)
    logo_content_type = models.CharField(max_length=30, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
