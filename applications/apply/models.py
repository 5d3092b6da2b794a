import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.organizations.models import TenantOwned


class ApplicationState(models.TextChoices):
    DRAFT = "draft", "Draft (not submitted)"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Count against the cycle's limit of active applications a person may hold at once.
ACTIVE_STATES = (ApplicationState.SUBMITTED, ApplicationState.ACCEPTED)


class Application(TenantOwned):
    """A mentee's application to a term. States and their moves live in
    applications.apply.services.transitions (the only code that changes `state`).

    `cycle` repeats `term.cycle` so the cross-tenant rules of a cycle (active applications
    per mentee, one acceptance) are answered by one indexed query without joins.
    A withdrawn application stays as it was; applying again creates a new row (the partial
    unique constraint allows one non-withdrawn application per person and term)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    term = models.ForeignKey("programs.Term", on_delete=models.PROTECT, related_name="applications")
    cycle = models.ForeignKey("programs.Cycle", on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    state = models.CharField(
        max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    cover_letter = models.TextField(max_length=5000, blank=True)
    # The mentee's own preference among their submitted applications of the cycle (1 = most
    # wanted); set on submission (last), editable until the cycle's results are announced.
    mentee_rank = models.PositiveIntegerField(null=True, blank=True)
    shortlisted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The reviews that count (not recused), kept by applications.review.services in the
    # transaction that writes a review or declares a conflict, so review lists read three
    # columns instead of counting every application's reviews on each request.
    reviews_counted = models.PositiveIntegerField(default=0, editable=False)
    reviews_not_acceptable = models.PositiveIntegerField(default=0, editable=False)
    reviews_average = models.DecimalField(
        max_digits=3, decimal_places=2, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "term"],
                condition=~Q(state="withdrawn"),
                name="one_live_application_per_term",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "applicant", "state"]),
            models.Index(fields=["term", "state"]),
            # A term's applicants by state counted from the index alone (reviewing progress).
            models.Index(
                fields=["term", "state"],
                include=["organization"],
                name="application_term_state_org",
            ),
            # The review lists: a term's applicants in submission order (the default sort,
            # and keyset pages deep in it) without sorting the whole term.
            models.Index(fields=["term", "submitted_at", "id"], name="application_term_submitted"),
            models.Index(
                fields=["term", "shortlisted", "state"], name="application_term_shortlist"
            ),
            # The review lists' rows (submitted, not drafts) with the columns their counts,
            # score sort, neighbours and filters read: index-only scans of a term, whatever
            # its size, instead of visiting every row of the table.
            models.Index(
                fields=["term", "submitted_at", "id"],
                include=["organization", "state", "reviews_average", "applicant"],
                condition=Q(submitted_at__isnull=False) & ~Q(state="draft"),
                name="application_term_listed",
            ),
            # The review lists sorted by score, best first, read from the index's start
            # (a viewer without conflicts sorts by the column itself: no sort of the term).
            models.Index(
                F("term"),
                F("reviews_average").desc(nulls_last=True),
                F("id").desc(),
                condition=Q(submitted_at__isnull=False) & ~Q(state="draft"),
                # Built on PostgreSQL only (applications 0006: SQLite refuses NULLS LAST).
                name="application_term_best",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} → {self.term} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES


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
        "core.StoredFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
