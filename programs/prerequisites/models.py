from django.db import models
from django.db.models import Q

from accounts.organizations.models import TenantOwned


class PrerequisiteKind(models.TextChoices):
    RESUME = "resume", "Resume"
    COVER_LETTER = "cover_letter", "Cover letter"
    CODING_CHALLENGE = "coding_challenge", "Coding challenge"
    PROOF_OF_ENROLLMENT = "proof_of_enrollment", "Proof of enrollment"
    PERMISSION = "permission", "Permission certification"
    CUSTOM = "custom", "Custom"


class AnswerType(models.TextChoices):
    TEXT = "text", "Text"
    URL = "url", "Link (URL)"
    FILE = "file", "File upload"


# The standard kinds: their title, what they ask, and how they are answered.
STANDARD_PREREQUISITES = {
    PrerequisiteKind.RESUME: ("Resume", "Your resume or CV (PDF).", AnswerType.FILE),
    PrerequisiteKind.COVER_LETTER: (
        "Cover letter",
        "Why this program, what you hope to learn and what you bring.",
        AnswerType.TEXT,
    ),
    PrerequisiteKind.CODING_CHALLENGE: (
        "Coding challenge",
        "A link to your solution of the program's coding challenge.",
        AnswerType.URL,
    ),
    PrerequisiteKind.PROOF_OF_ENROLLMENT: (
        "Proof of enrollment",
        "A document showing you are enrolled as a student (PDF).",
        AnswerType.FILE,
    ),
    PrerequisiteKind.PERMISSION: (
        "Permission",
        "Confirm that your school or employer allows you to take part.",
        AnswerType.TEXT,
    ),
}


class Prerequisite(TenantOwned):
    """What an application needs. With a term: that term's own. Without one: a standing
    prerequisite of the organization that applies to all its terms (live, not copied).

    `due_at` empty means "when the term's applications close" (and follows that milestone
    when it moves); such prerequisites are required to submit. A later due date lets the
    mentee complete it after submitting."""

    term = models.ForeignKey(
        "programs.Term",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="prerequisites",
    )
    kind = models.CharField(max_length=30, choices=PrerequisiteKind.choices)
    title = models.CharField(max_length=20)
    description = models.TextField(max_length=500, blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind"],
                condition=~Q(kind="custom") & Q(term__isnull=False),
                name="one_standard_prerequisite_per_term",
            ),
            models.UniqueConstraint(
                fields=["organization", "kind"],
                condition=~Q(kind="custom") & Q(term__isnull=True),
                name="one_standing_standard_prerequisite",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_standing(self) -> bool:
        return self.term_id is None

    def due_for(self, term) -> "object":
        """The instant this prerequisite is due for `term`."""
        return self.due_at or term.applications_close_at
