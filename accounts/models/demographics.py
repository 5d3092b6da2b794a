from django.conf import settings
from django.db import models

PREFER_NOT = ("prefer_not", "Prefer not to say")
YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]

# category: (question, choices). Answers are optional, each stored only with its own consent.
DEMOGRAPHIC_CATEGORIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "gender": (
        "Gender identity",
        [
            ("woman", "Woman"),
            ("man", "Man"),
            ("non_binary", "Non-binary"),
            ("another", "Another identity"),
            PREFER_NOT,
        ],
    ),
    "age_range": (
        "Age range",
        [
            ("18_24", "18–24"),
            ("25_34", "25–34"),
            ("35_44", "35–44"),
            ("45_plus", "45 or older"),
            PREFER_NOT,
        ],
    ),
    "lgbtqia": ("Do you identify as LGBTQIA+?", YES_NO),
    "disability": ("Do you have a disability?", YES_NO),
    "first_generation": ("Are you the first in your family to attend university?", YES_NO),
}


class DemographicAnswer(models.Model):
    """One optional demographic answer, stored apart from the profile and only with consent
    for its category. Never shown on any page: only counted in aggregate statistics with
    small numbers suppressed (accounts.selectors.demographic_statistics)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographic_answers"
    )
    category = models.CharField(max_length=40)
    value = models.CharField(max_length=40)
    consented_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="one_answer_per_category")
        ]

    def __str__(self) -> str:
        return f"demographic answer #{self.pk}"
