"""Reminder rules of the programs app (core.reminders autodiscovers this module): people who
follow a program hear once when a term's applications open."""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant
from programs.follows.models import ProgramFollow
from programs.programs.models import ProgramStatus
from programs.terms.models import Term

DAY = timedelta(days=1)


@cross_tenant
def applications_opening(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): terms of approved programs whose
    applications open in (start, end]; each reminder goes to the people following that
    term's own program."""
    terms = Term.objects.filter(
        applications_open_at__gt=start,
        applications_open_at__lte=end,
        program__status=ProgramStatus.APPROVED,
    )
    if term_id is not None:
        terms = terms.filter(pk=term_id)
    terms = list(terms.select_related("program__organization", "cycle").order_by("pk"))
    followers: dict[int, list[int]] = {}
    for program_id, user_id in ProgramFollow.objects.filter(
        program_id__in={term.program_id for term in terms}
    ).values_list("program_id", "user_id"):
        followers.setdefault(program_id, []).append(user_id)
    return [
        Due(
            subject=subject_key("applications_open", term.pk, term.applications_open_at),
            organization_id=term.organization_id,
            recipient_ids=followers[term.program_id],
            context={
                "program": term.program.name,
                "term": f"{term.cycle.name}, {term.short_kind}",
                "opens_at": term.applications_open_at,
                "closes_at": term.applications_close_at,
                "link": settings.SITE_URL.rstrip("/")
                + reverse(
                    "programs:public-program",
                    kwargs={
                        "org": term.program.organization.slug,
                        "program": term.program.slug,
                    },
                ),
                "link_text": term.program.name,
            },
            at=term.applications_open_at,
            term_id=term.pk,
        )
        for term in terms
        if followers.get(term.program_id)
    ]


register(
    ReminderRule(
        name="programs.applications_open",
        trigger="When a term's applications open (within a day)",
        audience="People who follow the program",
        template="applications_open",
        find=applications_opening,
        window=(-DAY, timedelta(0)),
        optional=True,
    )
)
