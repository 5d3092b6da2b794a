from django.conf import settings
from django.db import models

from accounts.organizations.models import TenantOwned


class TermRankList(TenantOwned):
    """A term's own changes to its rank list: the order its admins and coordinators set by
    hand (application ids, best first; applicants not in it follow in the order the reviews
    give) and the cut line (how many applicants from the top the term would take; below it
    they are not acceptable to the term). No row means the reviews' order and no cut.
    Written only by applications.ranking.services; read through its selectors."""

    term = models.OneToOneField("programs.Term", on_delete=models.CASCADE, related_name="+")
    order = models.JSONField(default=list, blank=True)
    cut = models.PositiveIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"rank list of term {self.term_id}"


class PlacementExplanation(TenantOwned):
    """Why an application was not placed by a published matching run, in the mentee's
    words (mentorship.matching.explain), shown on the mentee's application page once the
    cycle's results are announced. Written when the run is published
    (applications.ranking.services.explanations_store)."""

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="placement_explanation"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"explanation for {self.application_id}"
