from django.conf import settings
from django.db import models
from django_scopes import ScopedManager


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    COORDINATOR = "coordinator", "Coordinator"
    MENTOR = "mentor", "Mentor"


ROLE_DESCRIPTIONS = {
    Role.ADMIN: "Everything in the organization: programs, terms, members, decisions and money.",
    Role.COORDINATOR: (
        "Sees every applicant and resume of the organization; scores, shortlists and declines. "
        "Cannot accept, change configuration or touch money."
    ),
    Role.MENTOR: "Reviews and mentors in the programs they are a mentor of.",
}


class Membership(models.Model):
    """A person's role in one organization. One role per person per organization."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["organization", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"
