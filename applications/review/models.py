"""Reviews of applications: rubric scores, private notes, their edit history, conflicts of
interest, and the organization's selection settings. Written only by
applications.review.services; read through applications.review.selectors."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from accounts.organizations.models import TenantOwned

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# The rubric: each criterion scored 1–5; a review's score is their mean.
RUBRIC = {
    "skills": "Skills",
    "motivation": "Motivation",
    "communication": "Communication",
    "availability": "Availability",
}


class Review(TenantOwned):
    """One reviewer's review of one application (one per reviewer; edits keep a revision).

    `score` is the mean of the four criteria, or empty when the reviewer marked the
    applicant "not acceptable" (such reviews are counted apart, never averaged).
    `notes` are private: their author and the organization's admins read them.
    `recused` is set when the reviewer later declares a conflict of interest: the review
    stays on record but no longer counts."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The application's term, repeated so that a term's reviewing progress counts each
    # reviewer's reviews in one index (an application never changes term).
    term = models.ForeignKey("programs.Term", on_delete=models.CASCADE, related_name="+")
    skills = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_VALIDATORS)
    motivation = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE_VALIDATORS
    )
    communication = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE_VALIDATORS
    )
    availability = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    not_acceptable = models.BooleanField("not acceptable", default=False)
    notes = models.TextField("private notes", max_length=5000, blank=True)
    recused = models.BooleanField(default=False)
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="review_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(not_acceptable=True) | Q(score__isnull=False),
                name="review_scored_unless_not_acceptable",
            ),
        ]
        indexes = [
            models.Index(fields=["reviewer", "application"]),
            # "Reviewed by me" for a whole term: one index-only scan of the viewer's reviews.
            models.Index(
                fields=["organization", "reviewer", "application"], name="review_org_reviewer"
            ),
            models.Index(fields=["term", "reviewer", "recused"], name="review_term_reviewer"),
            # Reviewing progress counts each mentor's reviews of a term from the index alone
            # (the tenant filter reads the organization).
            models.Index(
                fields=["term", "reviewer", "recused"],
                include=["organization", "application"],
                name="review_term_reviewer_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.application_id} by {self.reviewer_id}"

    @property
    def criteria(self) -> list[tuple[str, int | None]]:
        return [(label, getattr(self, name)) for name, label in RUBRIC.items()]


class ReviewRevision(TenantOwned):
    """What a review said before an edit: every edit keeps the previous version."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    skills = models.PositiveSmallIntegerField(null=True, blank=True)
    motivation = models.PositiveSmallIntegerField(null=True, blank=True)
    communication = models.PositiveSmallIntegerField(null=True, blank=True)
    availability = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    not_acceptable = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["review", "revision"], name="one_row_per_revision")
        ]

    def __str__(self) -> str:
        return f"Revision {self.revision} of review {self.review_id}"


class ConflictKind(models.TextChoices):
    FAMILY = "family", "Family member"
    HOUSEHOLD = "household", "Same household"
    CLOSE_FRIEND = "close_friend", "Close friend"
    EMPLOYER = "employer", "Employer or employee"
    PARTNER = "partner", "Partner"


class ConflictOfInterest(TenantOwned):
    """A reviewer's declared conflict with an applicant. Permanent: from then on the
    reviewer cannot see the application's reviews, review it or decide on it. Visible to
    the organization's admins."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="conflicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=ConflictKind.choices)
    note = models.CharField(max_length=500, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_conflict_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["reviewer", "application"])]

    def __str__(self) -> str:
        return f"Conflict of {self.reviewer_id} with {self.application_id} ({self.kind})"
