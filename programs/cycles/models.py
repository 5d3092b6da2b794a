import secrets

from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField


class SelectionMode(models.TextChoices):
    DIRECT = "direct", "Direct: admins accept applicants"
    MATCHED = "matched", "Matched: organizations rank, the platform places"


def new_match_seed() -> int:
    return secrets.randbelow(2**31)


class Cycle(models.Model):
    """A platform-wide application period opened by staff. Not tenant-owned: every
    organization's terms sit inside one. It sets the cross-tenant rules the applications
    app enforces: the outer application window, the per-mentee limit of active
    applications, whether earlier graduates may apply, restricted countries, and the
    instant every organization's results become visible together."""

    name = models.CharField(max_length=100, unique=True)
    applications_open_at = models.DateTimeField("applications open")
    applications_close_at = models.DateTimeField("applications close")
    results_announced_at = models.DateTimeField("results announced")
    confirmation_deadline = models.DateTimeField(
        help_text="Accepted mentees confirm their offer by this instant."
    )
    max_active_applications = models.PositiveSmallIntegerField(
        "maximum active applications per mentee", default=3
    )
    graduates_may_apply = models.BooleanField("earlier graduates may apply", default=False)
    restricted_countries = CountryField(multiple=True, blank=True)
    # Matched cycles: between the close of applications and the publication of a matching
    # run, admins rank and decline but do not accept (applications.decisions.services).
    selection_mode = models.CharField(
        max_length=10, choices=SelectionMode.choices, default=SelectionMode.DIRECT
    )
    # Breaks ties between equally scored applicants in every term's rank list; stored so
    # an audit can rebuild the lists (applications.ranking.selectors).
    match_seed = models.PositiveIntegerField(default=new_match_seed)
    # Set when a matching run of the cycle is published; direct accepts are allowed again
    # from then on (further rounds go through new runs).
    matching_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applications_open_at", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_open_at__lt=F("applications_close_at")),
                name="cycle_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(results_announced_at__gte=F("applications_close_at")),
                name="cycle_results_after_window",
            ),
            models.CheckConstraint(
                condition=Q(confirmation_deadline__gt=F("results_announced_at")),
                name="cycle_confirmation_after_results",
            ),
            models.CheckConstraint(
                condition=Q(max_active_applications__gte=1), name="cycle_max_active_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name
