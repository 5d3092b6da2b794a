from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.people.models import User
from accounts.people.selectors import (
    mentee_is_adult_on,
    mentee_profile_of,
    profile_missing_for_applying,
)
from applications.apply.models import ACTIVE_STATES, Application, ApplicationState
from core.tenancy import cross_tenant
from programs.cycles.models import Cycle
from programs.programs.models import ProgramStatus
from programs.terms.models import Term
from programs.terms.timeline import accepting_applications

S = ApplicationState

# States a mentee ranks: everything submitted and not withdrawn. Accepted and declined are
# included because the mentee cannot see decisions before the announcement (ranking them
# differently would reveal the decision).
RANKED_STATES = (S.SUBMITTED, S.ACCEPTED, S.DECLINED)
# One live application per person and term: these block starting another one.
LIVE_STATES = (S.DRAFT, S.SUBMITTED, S.ACCEPTED)
ATTESTATION_ITEM = "18+ attestation with date of birth"


# --- eligibility ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a mentee may not apply: a stable code, a sentence, and where to fix it."""

    code: str
    message: str
    link: str = ""
    link_text: str = ""


@cross_tenant
def mentee_has_graduated(user: User) -> bool:
    """Whether the person graduated from an earlier mentorship on the platform. Cross-tenant
    because the rule counts mentorships in any organization; filtered by applicant, and
    answers a yes or no only."""
    # Mentorships are a higher layer (mentorship/): read them through the application each
    # one started from, by the state's stored value.
    return Application.objects.filter(applicant=user, mentorship__state="graduated").exists()


@cross_tenant
def active_application_count(
    *, user: User, cycle: Cycle, exclude: Application | None = None
) -> int:
    """Cross-tenant because the cycle's limit counts applications in every organization;
    filtered by applicant and cycle, and returns a count only. The person's active
    applications (submitted or accepted) in the cycle, in every organization: the number
    the cycle's limit applies to.
    Withdrawn, declined and draft applications do not count. Under concurrency, call it
    with the applicant's user row locked (`applicant_lock`, apply/services/common.py)."""
    queryset = Application.objects.filter(applicant=user, cycle=cycle, state__in=ACTIVE_STATES)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.count()


def live_application_for(*, user: User, term: Term) -> Application | None:
    """The person's draft, submitted or accepted application to the term, if any."""
    return (
        Application.objects.filter(organization=term.organization, term=term, applicant=user)
        .filter(state__in=LIVE_STATES)
        .first()
    )


def was_declined_for(*, user: User, term: Term) -> bool:
    return Application.objects.filter(
        organization=term.organization, term=term, applicant=user, state=S.DECLINED
    ).exists()


def cycle_limit_refusal(
    user: User, cycle: Cycle, exclude: Application | None = None
) -> Refusal | None:
    active = active_application_count(user=user, cycle=cycle, exclude=exclude)
    if active >= cycle.max_active_applications:
        return Refusal(
            "cycle_limit",
            f"You already have {active} active application{'s' if active != 1 else ''} in "
            f"the cycle “{cycle.name}”, its limit. Withdraw one from My applications to apply "
            "here.",
            reverse("applications:my-applications"),
            "My applications",
        )
    return None


def person_refusals(*, user: User, term: Term) -> list[Refusal]:
    """The rules about the person (profile, age, country, earlier graduation), checked both
    when starting and when submitting an application."""
    refusals = []
    profile = mentee_profile_of(user)
    missing = [m for m in profile_missing_for_applying(user, profile) if m != ATTESTATION_ITEM]
    profile_url = reverse("accounts:profile")
    if missing:
        refusals.append(
            Refusal(
                "profile_incomplete",
                f"Your profile is incomplete. Still missing: {', '.join(missing)}.",
                profile_url,
                "Complete your profile",
            )
        )
    if not profile.adult_attested:
        refusals.append(
            Refusal(
                "not_attested",
                "Confirm in your profile that you are 18 or older (with your date of birth).",
                profile_url,
                "Confirm your age",
            )
        )
    elif not mentee_is_adult_on(user, term.start_date):
        refusals.append(
            Refusal(
                "too_young",
                f"You must be 18 or older when the term starts ({term.start_date:%Y-%m-%d}).",
            )
        )
    cycle = term.cycle
    if profile.country and profile.country.code in {c.code for c in cycle.restricted_countries}:
        refusals.append(
            Refusal(
                "country_restricted",
                f"Residents of {profile.country.name} cannot apply in the cycle “{cycle.name}”.",
            )
        )
    if not cycle.graduates_may_apply and mentee_has_graduated(user):
        refusals.append(
            Refusal(
                "graduate",
                f"The cycle “{cycle.name}” is for people who have not completed a mentorship "
                "here before, and you graduated from one.",
            )
        )
    return refusals


def apply_refusals(*, user: User, term: Term, now: datetime | None = None) -> list[Refusal]:
    """Every reason the person may not start an application to `term` now; empty when they
    may. Runs in the term's organization scope."""
    now = now or timezone.now()
    refusals = []
    existing = live_application_for(user=user, term=term)
    if existing is not None:
        refusals.append(
            Refusal(
                "already_applied",
                "You already applied to this term.",
                reverse("applications:my-application", kwargs={"application": existing.public_id}),
                "Open your application",
            )
        )
        return refusals
    if was_declined_for(user=user, term=term):
        refusals.append(
            Refusal(
                "declined",
                "Your application to this term was declined; decisions are final, so you "
                "cannot apply to this term again. Other terms remain open to you.",
            )
        )
        return refusals
    if not accepting_applications(term, now):
        refusals.append(Refusal("not_accepting", "This term is not accepting applications now."))
    refusals += person_refusals(user=user, term=term)
    limit = cycle_limit_refusal(user, term.cycle)
    if limit:
        refusals.append(limit)
    return refusals


@cross_tenant
def term_for_applying(*, term_id) -> Term:
    """A term of a published program, by id, for the apply page. Cross-tenant because the
    apply URL names only the term (anyone may see published terms in the catalog); filtered
    by id and published program, so unpublished programs' terms are a 404. Act on it inside
    `scope(organization=term.organization)`."""
    term = (
        Term.objects.filter(pk=term_id, program__status=ProgramStatus.APPROVED)
        .select_related("program__organization", "cycle", "organization")
        .first()
    )
    if term is None:
        raise Http404("No such term.")
    return term
