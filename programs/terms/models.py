import copy

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from accounts.organizations.models import TenantOwned


class TermKind(models.TextChoices):
    FULL_TIME = "full_time", "Full-time (12 weeks, ~40 h/week)"
    PART_TIME = "part_time", "Part-time (24 weeks, ~20 h/week)"


class MilestoneKind(models.TextChoices):
    """Stable codes: later apps (applications, reviews, evaluations, stipends, reminders)
    refer to milestones by these. Declared in timeline order."""

    APPLICATIONS_OPEN = "applications_open", "Applications open"
    APPLICATIONS_CLOSE = "applications_close", "Applications close"
    REVIEW_START = "review_start", "Review and selection start"
    REVIEW_END = "review_end", "Mentors' selection deadline"
    RESULTS_ANNOUNCED = "results_announced", "Selection results announced"
    TERM_START = "term_start", "Term starts"
    KICKOFF = "kickoff", "Kickoff"
    EVALUATION_1 = "evaluation_1", "Evaluation 1 (optional)"
    MIDTERM = "midterm", "Midterm evaluation due (first installment)"
    EVALUATION_3 = "evaluation_3", "Evaluation 3 (optional)"
    FINAL = "final", "Final evaluation and mentee feedback due (last installment)"
    TERM_END = "term_end", "Term ends"


MILESTONE_ORDER = {kind: position for position, kind in enumerate(MilestoneKind.values)}
EVALUATION_KINDS = (
    MilestoneKind.EVALUATION_1,
    MilestoneKind.MIDTERM,
    MilestoneKind.EVALUATION_3,
    MilestoneKind.FINAL,
)
REQUIRED_EVALUATIONS = (MilestoneKind.MIDTERM, MilestoneKind.FINAL)


class Term(TenantOwned):
    """One run of a program inside a cycle. Its timeline is its milestones; the four
    instants copied here (applications open/close, start, end) are kept equal to the
    milestones by programs.terms.services.terms, the only writer, so lists and the catalog can
    filter on them without joining the milestones."""

    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="terms")
    cycle = models.ForeignKey("programs.Cycle", on_delete=models.PROTECT, related_name="terms")
    kind = models.CharField(max_length=20, choices=TermKind.choices)
    capacity = models.PositiveIntegerField(help_text="How many mentees this term can take.")
    applications_open_at = models.DateTimeField(editable=False)
    applications_close_at = models.DateTimeField(editable=False)
    starts_at = models.DateTimeField(editable=False)
    ends_at = models.DateTimeField(editable=False)
    # Set when an admin closes applications before the deadline; cleared on reopening.
    applications_closed_early_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="term_capacity_positive"),
            models.CheckConstraint(
                condition=Q(applications_open_at__lt=F("applications_close_at")),
                name="term_applications_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="term_starts_before_it_ends"
            ),
        ]
        indexes = [models.Index(fields=["applications_open_at", "applications_close_at"])]

    def __str__(self) -> str:
        return f"{self.program} · {self.cycle} · {self.short_kind}"

    @property
    def short_kind(self) -> str:
        return "full-time" if self.kind == TermKind.FULL_TIME else "part-time"

    @property
    def weeks(self) -> int:
        return 12 if self.kind == TermKind.FULL_TIME else 24

    @property
    def start_date(self):
        return self.starts_at.date()

    def timeline(self) -> list["Milestone"]:
        """The milestones in timeline order (uses a prefetch when there is one)."""
        return sorted(self.milestones.all(), key=lambda m: (m.at, MILESTONE_ORDER[m.kind]))

    def shown_timeline(self) -> list["Milestone"]:
        """The timeline as applicants see it: results are announced at the cycle's instant
        (every organization announces together, and decisions become visible then), so the
        results milestone shows the cycle's instant. Copies: nothing here is saved."""
        shown = []
        for milestone in self.timeline():
            if milestone.kind == MilestoneKind.RESULTS_ANNOUNCED:
                milestone = copy.copy(milestone)
                milestone.at = self.cycle.results_announced_at
            shown.append(milestone)
        return sorted(shown, key=lambda m: (m.at, MILESTONE_ORDER[m.kind]))

    def milestone(self, kind: str) -> "Milestone | None":
        return next((m for m in self.milestones.all() if m.kind == kind), None)

    def next_milestone(self, now) -> "Milestone | None":
        return next((m for m in self.timeline() if m.at > now), None)

    def primary_mentor(self):
        return next((m for m in self.mentors.all() if m.is_primary), None)


class Milestone(TenantOwned):
    """A dated instant on a term's timeline, stored in UTC. Moved only through
    programs.terms.services.terms, which validates the order of the whole timeline."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=30, choices=MilestoneKind.choices)
    at = models.DateTimeField()
    required = models.BooleanField(
        default=True, help_text="Optional evaluations may be skipped by mentors."
    )
    # When the milestone was made or last moved: calendars write it as LAST-MODIFIED and
    # SEQUENCE, so a subscribed calendar takes the moved date (core/ical.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["term", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["term", "kind"], name="one_milestone_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M} UTC"

    @property
    def position(self) -> int:
        return MILESTONE_ORDER[self.kind]


class TermMentor(TenantOwned):
    """A mentor of a term, chosen from the organization's mentors. One is primary."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="mentors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_primary", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["term", "user"], name="one_mentorship_role_per_term"),
            models.UniqueConstraint(
                fields=["term"], condition=Q(is_primary=True), name="one_primary_mentor_per_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({'primary' if self.is_primary else 'co-mentor'})"
