"""The applications' reminder rules (core.reminders): a mentee with a draft hears that the
term's applications close in 3 days, and again the day before, each once per closing date
(a closing date moved later is reminded again relative to the new date)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from applications.apply.models import Application, ApplicationState
from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant

DAY = timedelta(days=1)


def _drafts(start: datetime, end: datetime, term_id: int | None = None):
    drafts = Application.objects.filter(
        state=ApplicationState.DRAFT,
        term__applications_close_at__gt=start,
        term__applications_close_at__lte=end,
    )
    if term_id is not None:
        drafts = drafts.filter(term_id=term_id)
    drafts = drafts.select_related("term__program").order_by("term__applications_close_at", "pk")
    for application in drafts.iterator(chunk_size=2000):
        term = application.term
        yield Due(
            subject=subject_key("application", application.pk, term.applications_close_at),
            organization_id=application.organization_id,
            recipient_ids=[application.applicant_id],
            context={
                "program": term.program.name,
                "closes_at": term.applications_close_at,
                "link": settings.SITE_URL.rstrip("/")
                + reverse(
                    "applications:my-application",
                    kwargs={"application": application.public_id},
                ),
                "link_text": "Your application",
            },
            at=term.applications_close_at,
            term_id=term.pk,
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
