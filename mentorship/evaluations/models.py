import uuid

from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class EvaluationKind(models.TextChoices):
    """The checkpoints, named like the term's milestones (programs.terms.models)."""

    EVALUATION_1 = "evaluation_1", "Evaluation 1 (optional)"
    MIDTERM = "midterm", "Midterm evaluation"
    EVALUATION_3 = "evaluation_3", "Evaluation 3 (optional)"
    FINAL = "final", "Final evaluation"


class EvaluationState(models.TextChoices):
    PENDING = "pending", "Waiting for a verdict"
    PASSED = "passed", "Passed"
    FAILED = "failed", "Failed"


class Verdict(models.TextChoices):
    PASS = "pass", "Pass"
    FAIL = "fail", "Fail"
    EXTEND = "extend", "Extend"


class Evaluation(TenantOwned):
    """A checkpoint of one mentorship, due at the mentorship's own date for it (so an
    extension moves only this mentee's checkpoints). It opens a week before it is due.
    `state` moves only through mentorship.evaluations.services (compare-and-set, audited)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(max_length=20, choices=EvaluationKind.choices)
    week = models.PositiveSmallIntegerField()
    required = models.BooleanField(default=True)
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=20, choices=EvaluationState.choices, default=EvaluationState.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["mentorship", "week", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "kind"], name="one_evaluation_per_checkpoint"
            )
        ]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (week {self.week}) of {self.mentorship_id}"


class EvaluationVerdict(TenantOwned):
    """One verdict given on a checkpoint, with the mentor's rubric. Never edited: an
    extension adds a row (the checkpoint waits for another verdict), and an admin's
    correction adds a row that names the one it corrects, so both are kept."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="verdicts")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    weeks = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(max_length=2000, blank=True)
    progress = models.PositiveSmallIntegerField(help_text="1 (none) to 5 (excellent)")
    communication = models.PositiveSmallIntegerField(help_text="1 (none) to 5 (excellent)")
    comment = models.TextField(max_length=3000, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.verdict} on {self.evaluation_id}"


class FeedbackKind(models.TextChoices):
    MIDTERM = "midterm", "Midterm feedback"
    FINAL = "final", "Final feedback"


class MenteeFeedback(TenantOwned):
    """The mentee's own feedback about the mentorship and the program, at the midterm and
    at the end. Kept from the mentors; the organization's admins read it."""

    mentorship = models.ForeignKey(
        "mentorship.Mentorship", on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(max_length=10, choices=FeedbackKind.choices)
    mentorship_rating = models.PositiveSmallIntegerField()
    program_rating = models.PositiveSmallIntegerField()
    comments = models.TextField(max_length=3000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mentorship", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "kind"], name="one_feedback_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.mentorship_id}"
