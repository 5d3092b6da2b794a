"""The applications' reminder rules (core.reminders): a mentee with a draft hears that the
term's applications close in 3 days, and again the day before, each once per closing date
(a closing date moved later is reminded again relative to the new date). A mentee whose
submitted application misses a prerequisite still open hears 3 days before the close."""

from datetime import datetime, timedelta

from django.db.models import CharField, Q
from django.db.models.functions import Cast

from applications.apply.models import Application, ApplicationState, PrerequisiteAnswer
from core.reminders.registry import Due, ReminderRule, link_maker, register, subject_key
from core.tenancy import cross_tenant
from programs.prerequisites.models import Prerequisite
from programs.terms.models import Term

DAY = timedelta(days=1)


def _drafts(start: datetime, end: datetime, term_id: int | None = None):
    terms = Term.objects.filter(applications_close_at__gt=start, applications_close_at__lte=end)
    if term_id is not None:
        terms = terms.filter(pk=term_id)
    # What a term's reminders share, read once: a term's closing can remind 100,000 drafts.
    terms = {
        term.pk: (
            term.applications_close_at,
            {"program": term.program.name, "closes_at": term.applications_close_at},
        )
        for term in terms.select_related("program")
    }
    if not terms:
        return
    link = link_maker("applications:my-application", "application")
    # Plain rows, not model instances.
    drafts = (
        Application.objects.filter(state=ApplicationState.DRAFT, term_id__in=terms)
        .order_by("term_id", "pk")
        # The public id as text: 100,000 UUID objects cost more than the rest of the row.
        .annotate(public_text=Cast("public_id", CharField()))
        .values_list("pk", "public_text", "applicant_id", "organization_id", "term_id")
    )
    for pk, public_id, applicant_id, organization_id, draft_term_id in drafts.iterator(
        chunk_size=5000
    ):
        closes_at, shared = terms[draft_term_id]
        yield Due(
            subject=subject_key("application", pk, closes_at),
            organization_id=organization_id,
            recipient_ids=[applicant_id],
            context={**shared, "link": link(public_id), "link_text": "Your application"},
            at=closes_at,
            term_id=draft_term_id,
        )


@cross_tenant
def drafts_closing(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): drafts whose term's applications
    close in (start, end]; each reminder goes to the draft's own applicant only."""
    return list(_drafts(start, end, term_id))


AUDIENCE = "Mentees with a draft (not submitted) application to the term"
register(
    ReminderRule(
        name="applications.close_in_3_days",
        trigger="3 days before applications close",
        audience=AUDIENCE,
        template="applications_close_in_3_days",
        find=drafts_closing,
        window=(DAY, 3 * DAY),
    )
)
register(
    ReminderRule(
        name="applications.close_tomorrow",
        trigger="1 day before applications close",
        audience=AUDIENCE,
        template="applications_close_tomorrow",
        find=drafts_closing,
        window=(timedelta(0), DAY),
    )
)


@cross_tenant
def prerequisites_missing(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): submitted applications to terms
    whose applications close in (start, end] that miss a prerequisite due after the close
    (one still answered after submitting); each reminder goes to that application's own
    applicant and names what is missing. A fixed number of queries."""
    terms = Term.objects.filter(applications_close_at__gt=start, applications_close_at__lte=end)
    if term_id is not None:
        terms = terms.filter(pk=term_id)
    terms = {term.pk: term for term in terms.select_related("program")}
    if not terms:
        return []
    applications = list(
        Application.objects.filter(state=ApplicationState.SUBMITTED, term_id__in=terms)
        .order_by("term_id", "pk")
        .values_list("pk", "public_id", "applicant_id", "organization_id", "term_id")
    )
    if not applications:
        return []
    organizations = {term.organization_id for term in terms.values()}
    prerequisites = list(
        Prerequisite.objects.filter(organization_id__in=organizations).filter(
            Q(term_id__in=terms) | Q(term__isnull=True)
        )
    )
    done = set(
        PrerequisiteAnswer.objects.filter(
            application_id__in=[row[0] for row in applications], completed_at__isnull=False
        ).values_list("application_id", "prerequisite_id")
    )
    link = link_maker("applications:my-application", "application")
    dues = []
    for pk, public_id, applicant_id, organization_id, app_term_id in applications:
        term = terms[app_term_id]
        missing = [
            p.title
            for p in prerequisites
            if p.organization_id == organization_id
            and p.term_id in (None, app_term_id)
            and p.due_for(term) > term.applications_close_at
            and (pk, p.pk) not in done
        ]
        if not missing:
            continue
        dues.append(
            Due(
                subject=subject_key("prerequisites", pk, term.applications_close_at),
                organization_id=organization_id,
                recipient_ids=[applicant_id],
                context={
                    "program": term.program.name,
                    "closes_at": term.applications_close_at,
                    "missing": ", ".join(missing),
                    "link": link(public_id),
                    "link_text": "Your application",
                },
                at=term.applications_close_at,
                term_id=app_term_id,
            )
        )
    return dues


register(
    ReminderRule(
        name="applications.prerequisites_missing",
        trigger="3 days before applications close, while a prerequisite is missing",
        audience="Mentees with a submitted application missing a prerequisite due after the close",
        template="prerequisites_missing",
        find=prerequisites_missing,
        window=(timedelta(0), 3 * DAY),
    )
)
