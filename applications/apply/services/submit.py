from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application
from applications.apply.selectors import eligibility as selectors_eligibility
from applications.apply.selectors import mine as selectors
from applications.apply.selectors import prerequisites as selectors_prerequisites
from applications.apply.services.common import (
    ApplyRefused,
    S,
    applicant_lock,
    application_locked,
    require_owner,
)
from applications.apply.services.ranking import ranking_renumber
from applications.apply.services.transitions import REFUSALS, application_transition
from core.outbox.services import absolute_url, email_queue
from programs.terms.timeline import submissions_open
from programs.timezones import format_instant

# --- submit ----------------------------------------------------------------------------------


def _missing_for_submit(application: Application, now: datetime) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not application.cover_letter.strip():
        errors["cover_letter"] = ["Write a cover letter before submitting."]
    rows = selectors_prerequisites.application_prerequisite_rows(application=application, now=now)
    missing = [r.prerequisite.title for r in rows if r.required_to_submit and not r.done]
    if missing:
        errors["prerequisites"] = [
            "Complete these prerequisites before submitting: " + ", ".join(missing) + "."
        ]
    return errors


def _next_rank(user: User, application: Application) -> int:
    ranked = [
        other
        for other in selectors.ranked_applications(user=user, cycle=application.cycle)
        if other.pk != application.pk
    ]
    ranking_renumber(ranked)
    return len(ranked) + 1


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    """Submits a draft. Refused, with nothing changed, unless: the server clock (UTC) is
    before the term's applications-close instant, to the second; every prerequisite due by
    that deadline is answered, and there is a cover letter; the person still meets the
    rules about them (profile, age, country, earlier graduation); and the cycle's limit of
    active applications is not reached, counted across every organization with the
    applicant's row locked, so simultaneous submissions never exceed it. A double click
    submits once. The new submission is ranked last among the person's applications of the
    cycle; a confirmation email lists what was submitted."""
    require_owner(application, actor)
    user = applicant_lock(application.applicant_id)
    locked = application_locked(application)
    if locked.state != S.DRAFT:
        raise ValidationError(REFUSALS[locked.state])
    now = timezone.now()  # read after the lock: the deadline is checked when we act
    if not submissions_open(locked.term, now):
        closed = format_instant(locked.term.applications_close_at)
        raise ValidationError(
            f"Applications to this term closed at {closed} (it is now "
            f"{format_instant(now)}); this draft can no longer be submitted."
        )
    errors = _missing_for_submit(locked, now)
    if errors:
        raise ValidationError(errors)
    refusals = selectors_eligibility.person_refusals(user=user, term=locked.term)
    limit = selectors_eligibility.cycle_limit_refusal(user, locked.cycle, exclude=locked)
    if limit:
        refusals.append(limit)
    if refusals:
        raise ApplyRefused(refusals)
    rank = _next_rank(user, locked)
    application_transition(
        application=locked, to_state=S.SUBMITTED, actor=actor, updates={"mentee_rank": rank}
    )
    _email_submitted(locked, user, now)
    return locked


def _email_submitted(application: Application, user: User, now: datetime) -> None:
    """The confirmation: what was submitted, and when results are announced (the outbox
    shows instants in the mentee's time zone). Queued with the submission, sent once it
    commits."""
    rows = selectors_prerequisites.application_prerequisite_rows(application=application, now=now)
    items = []
    for row in rows:
        answer = row.answer
        shown = ""
        if row.done:
            shown = answer.url or (
                answer.file.original_name if answer.file_id else answer.text[:200]
            )
        items.append(
            {
                "title": row.prerequisite.title,
                "done": row.done,
                "answer": shown,
                "due_at": row.due_at,
            }
        )
    term = application.term
    email_queue(
        to=[user.email],
        template="application_submitted",
        organization=application.organization,
        context={
            "name": user.name,
            "program": term.program.name,
            "organization": application.organization.name,
            "term": f"{term.get_kind_display()} · {application.cycle.name}",
            "submitted_at": application.submitted_at,
            "results_at": application.cycle.results_announced_at,
            "cover_letter": application.cover_letter,
            "prerequisites": items,
            "url": absolute_url("applications:my-application", application=application.public_id),
        },
    )
