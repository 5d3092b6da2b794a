from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from applications.apply.models import Application, PrerequisiteAnswer
from applications.apply.selectors.eligibility import S
from programs.prerequisites.models import Prerequisite
from programs.terms.models import Term
from programs.terms.timeline import submissions_open

# --- prerequisites ---------------------------------------------------------------------------


def term_prerequisites(*, term: Term) -> list[Prerequisite]:
    """The term's own prerequisites and its organization's standing ones (live), standing
    first. Runs in the term's organization scope."""
    return list(
        Prerequisite.objects.filter(organization=term.organization)
        .filter(Q(term=term) | Q(term__isnull=True))
        .order_by("term_id", "created_at", "id")
    )


@dataclass
class PrerequisiteRow:
    prerequisite: Prerequisite
    answer: PrerequisiteAnswer | None
    due_at: datetime
    required_to_submit: bool  # due by the applications deadline
    open: bool  # may still be answered now

    @property
    def done(self) -> bool:
        return bool(self.answer and self.answer.completed_at)


def _rows(application, prerequisites, answers, now) -> list[PrerequisiteRow]:
    term = application.term
    rows = []
    for prerequisite in prerequisites:
        due = prerequisite.due_for(term)
        answer = answers.get(prerequisite.pk)
        if answer is not None:
            answer.application = application  # already loaded: no query per answer
        rows.append(
            PrerequisiteRow(
                prerequisite=prerequisite,
                answer=answer,
                due_at=due,
                required_to_submit=due <= term.applications_close_at,
                open=answer_open(application, prerequisite, now),
            )
        )
    return rows


def answer_open(application: Application, prerequisite: Prerequisite, now=None) -> bool:
    """Whether the mentee may answer this prerequisite now: while a draft can still be
    submitted; after submitting, only prerequisites with a later due date, until it."""
    now = now or timezone.now()
    if application.state == S.DRAFT:
        return submissions_open(application.term, now)
    if application.state == S.SUBMITTED:
        due = prerequisite.due_for(application.term)
        return due > application.term.applications_close_at and now < due
    return False


def application_prerequisite_rows(
    *, application: Application, now: datetime | None = None
) -> list[PrerequisiteRow]:
    """Each prerequisite of the application's term with the mentee's answer. Runs in the
    application's organization scope."""
    now = now or timezone.now()
    answers = {
        a.prerequisite_id: a
        for a in PrerequisiteAnswer.objects.filter(
            organization=application.organization, application=application
        ).select_related("file")
    }
    return _rows(application, term_prerequisites(term=application.term), answers, now)
