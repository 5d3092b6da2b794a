from django.db import models

from accounts.models import TenantOwned

DEFAULT_DECLINE_FEEDBACK = (
    "Thank you for applying to {program}. We received many strong applications and could "
    "not offer you a place in this term. This decision is final for this term, but we hope "
    "you keep contributing to the project and apply again to a later term."
)

DEFAULT_AGREEMENT = (
    "I confirm that I will take part in {program} for the whole term, that I am 18 or older "
    "by the term start, that I follow the program's code of conduct, and that I will tell my "
    "mentors and the program admins at once if I can no longer take part."
)


class DecisionSettings(TenantOwned):
    """How an organization decides. `mentors_may_decide` lets the mentors of a term decline
    its applicants (accepting stays with admins). One row per organization, created on
    first change; no row means the defaults."""

    mentors_may_decide = models.BooleanField(
        "mentors may decide",
        default=False,
        help_text="Mentors may decline applicants of the terms they mentor.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization"], name="one_decision_settings_per_org")
        ]

    def __str__(self) -> str:
        return f"decision settings of {self.organization_id}"


class ProgramDecisionTexts(TenantOwned):
    """A program's texts for decisions: the feedback a declined applicant receives and the
    agreement an accepted mentee confirms. `{program}` is replaced by the program's name.
    No row means the defaults above."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="decision_texts"
    )
    decline_feedback = models.TextField(max_length=5000, default=DEFAULT_DECLINE_FEEDBACK)
    agreement_text = models.TextField(max_length=5000, default=DEFAULT_AGREEMENT)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"decision texts of {self.program_id}"
