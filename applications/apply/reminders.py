"""The applications' reminder rules (core.reminders): a mentee with a draft hears that the
term's applications close in 3 days, and again the day before, each once per closing date
(a closing date moved later is reminded again relative to the new date)."""

from datetime import datetime, timedelta

from django.db.models import CharField
from django.db.models.functions import Cast

from applications.apply.models import Application, ApplicationState
from core.reminders.registry import Due, ReminderRule, link_maker, register, subject_key
from core.tenancy import cross_tenant
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
