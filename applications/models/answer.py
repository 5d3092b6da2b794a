from django.db import models

from accounts.models import TenantOwned


class PrerequisiteAnswer(TenantOwned):
    """The applicant's answer to one prerequisite (the term's own or a standing one of the
    organization): text, a URL or a file, depending on the prerequisite's answer type.
    `completed_at` is set when the answer is complete; reviewers see which are done."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="answers"
    )
    prerequisite = models.ForeignKey(
        "programs.Prerequisite", on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(max_length=5000, blank=True)
    url = models.URLField(max_length=500, blank=True)
    file = models.ForeignKey(
        "accounts.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["prerequisite_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "prerequisite"], name="one_answer_per_prerequisite"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prerequisite} for {self.application_id}"
