"""Reads of the decisions area (decisions, offers, mentorships), shared by pages, the API
and the tasks. Functions decorated `@cross_tenant` run unscoped on purpose: the mentee's own
offers and mentorships across organizations, the one-acceptance rule, and the sweeps."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.organizations.models import Organization
from accounts.people.models import User
from accounts.viewer import viewer_for
from applications.apply.models import Application, ApplicationState
from applications.decisions.models import (
    DEFAULT_AGREEMENT,
    DEFAULT_DECLINE_FEEDBACK,
    Decision,
    DecisionEmail,
    EmailKind,
    Offer,
    OfferState,
    Placement,
    ProgramDecisionTexts,
    TermSlot,
)
from applications.review.selectors.kept import term_figure
from core.audit.models import AuditEvent
from core.tenancy import cross_tenant
from programs.programs.models import Program
from programs.rules import mentored_term_ids
from programs.terms.models import Term

S = ApplicationState


@cross_tenant
def program_texts(*, program: Program) -> ProgramDecisionTexts:
    """The program's decline feedback and agreement (the defaults, unsaved, when never
    edited). Cross-tenant so it answers in any scope (a mentee's offer page runs in the
    offer's organization, a staff page in none); it reads only the given program's row of
    that program's organization."""
    found = ProgramDecisionTexts.objects.filter(
        program=program, organization_id=program.organization_id
    ).first()
    return found or ProgramDecisionTexts(
        organization_id=program.organization_id,
        program=program,
        decline_feedback=DEFAULT_DECLINE_FEEDBACK,
        agreement_text=DEFAULT_AGREEMENT,
    )


def render_text(text: str, *, program: Program) -> str:
    # str.replace, not str.format: an admin's text may contain other braces.
    return text.replace("{program}", program.name)


def decision_application_get(*, user: User, organization: Organization, public_id) -> Application:
    """An application whose decision the person may see (`applications.view_decision`);
    the same 404 as for a missing one otherwise (a mentor asking about another term's
    applicant)."""
    application = (
        Application.objects.filter(organization=organization, public_id=public_id)
        .select_related("term__program", "term__cycle", "cycle", "applicant")
        .first()
    )
    if application is None or not user.has_perm("applications.view_decision", application):
        raise Http404("No such application.")
    return application


def organization_decisions(*, user: User, organization: Organization) -> QuerySet[Application]:
    """Applications that can be or were decided (not drafts), with their offers, that the
    person may see: all of them for those who see every term's decisions, only the terms
    they mentor for a mentor (the same rule as `applications.view_decision` per row)."""
    queryset = (
        Application.objects.filter(organization=organization)
        .exclude(state=S.DRAFT)
        .select_related("term__program", "cycle", "applicant", "offer", "decision")
        .order_by("term_id", "state", "-submitted_at", "id")
    )
    if user.has_perm("applications.view_every_decision", organization):
        return queryset
    if not user.has_perm("applications.view_decision", organization):
        return queryset.none()
    return queryset.filter(term_id__in=mentored_term_ids(viewer_for(user, organization.pk)))


def application_offer(*, application: Application) -> Offer | None:
    return Offer.objects.filter(application=application).first()


def term_unshortlisted(*, term: Term) -> QuerySet[Application]:
    """Submitted applicants of the term nobody shortlisted: the bulk decline's targets."""
    return Application.objects.filter(
        organization=term.organization, term=term, state=S.SUBMITTED, shortlisted=False
    )


def _decision_counts(term: Term) -> dict[str, int]:
    counts = Application.objects.filter(organization=term.organization, term=term).aggregate(
        n_submitted=Count("id", filter=Q(state=S.SUBMITTED)),
        n_shortlisted=Count("id", filter=Q(state=S.SUBMITTED, shortlisted=True)),
        n_unshortlisted=Count("id", filter=Q(state=S.SUBMITTED, shortlisted=False)),
        n_accepted=Count("id", filter=Q(state=S.ACCEPTED)),
        n_declined=Count("id", filter=Q(state=S.DECLINED)),
        n_confirmed=Count("id", filter=Q(state=S.ACCEPTED, offer__state=OfferState.CONFIRMED)),
    )
    return {name.removeprefix("n_"): value for name, value in counts.items()}


def term_decision_summary(*, term: Term) -> dict:
    """Counts for the term's decisions page: the applicants' counts by state are kept with
    the term's other figures (review.selectors.kept: counting 50,000 applicants took 35 ms
    a view); the slots taken are read live (one small count)."""
    counts = term_figure(term.pk, "decisions", lambda: _decision_counts(term))
    taken = TermSlot.objects.filter(organization=term.organization, term=term).count()
    return {**counts, "capacity": term.capacity, "taken": taken, "free": term.capacity - taken}


def term_applications(*, term: Term) -> QuerySet[Application]:
    return (
        Application.objects.filter(organization=term.organization, term=term)
        .exclude(state=S.DRAFT)
        .select_related("applicant", "offer")
        .order_by("-shortlisted", "state", "submitted_at", "id")
    )


def history_events(*, organization: Organization, obj) -> QuerySet[AuditEvent]:
    """Every recorded change of `obj` (an application, its offer or a mentorship)."""
    return (
        AuditEvent.objects.filter(
            organization=organization,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )


def application_full_history(*, application: Application) -> list[AuditEvent]:
    """The application's state changes and its offer's, oldest first: who, when, from, to,
    why."""
    offer = application_offer(application=application)
    events = list(history_events(organization=application.organization, obj=application))
    if offer is not None:
        events += list(history_events(organization=application.organization, obj=offer))
    return sorted(events, key=lambda e: (e.created_at, e.id))


def applicant_placement(*, applicant: User, cycle_id: int) -> Placement | None:
    """CROSS-TENANT: the mentee's acceptance in the cycle, in any organization, if any."""
    return Placement.objects.filter(applicant=applicant, cycle_id=cycle_id).first()


@cross_tenant
def decisions_to_announce(*, now: datetime) -> list[tuple[int, int]]:
    """(organization id, application id) of decided applications whose cycle announced its
    results and whose decision email was not queued yet. Cross-tenant: a cycle announces
    for every organization at once; each email is then sent in its own organization.
    Only applications still accepted or declined: one withdrawn since its decision (its
    offer declined or lapsed before the email went) has no decision email to send
    (`decision_email_send` refuses it), and it would otherwise come back on every run."""
    sent = DecisionEmail.objects.filter(kind=EmailKind.DECISION).values("application_id")
    return list(
        Decision.objects.filter(
            application__cycle__results_announced_at__lte=now,
            application__state__in=(S.ACCEPTED, S.DECLINED),
        )
        .exclude(application_id__in=sent)
        .values_list("organization_id", "application_id")
    )


# What each recorded change of an application means, in words (history shows these, not
# the stored codes). Codes not listed are written from their own words.
EVENT_WORDS = {
    "application.created": "Started the application (draft)",
    "application.submitted": "Submitted the application",
    "application.accepted": "Accepted",
    "application.declined": "Declined",
    "application.withdrawn": "Withdrew the application",
    "application.shortlisted": "Shortlisted",
    "application.unshortlisted": "Removed from the shortlist",
    "application.draft": "Back to draft",
}


def event_words(event: AuditEvent) -> str:
    """A person's sentence for one recorded change ("Submitted the application")."""
    if event.action in EVENT_WORDS:
        return EVENT_WORDS[event.action]
    words = event.action.rsplit(".", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def application_history_rows(*, application: Application) -> list[AuditEvent]:
    """application_history with each event's `words` set (see event_words)."""
    rows = list(application_history(application=application))
    for event in rows:
        event.words = event_words(event)
    return rows


def application_history(*, application: Application) -> QuerySet[AuditEvent]:
    """Every recorded state change of an application, oldest first, with who did it."""
    return (
        AuditEvent.objects.filter(
            organization=application.organization,
            object_type=Application._meta.label_lower,
            object_id=str(application.pk),
        )
        .select_related("actor")
        .order_by("created_at", "id")
    )
