"""Demo evaluations (idempotent, through the services): in borealis's term in progress,
both mentees passed evaluation 1; `mentee@example.org`'s midterm is due (a mentor can give
the verdict now), and `rio.mentee@example.org`'s midterm was extended by 2 weeks."""

from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from mentorship.evaluations.models import EvaluationState
from mentorship.evaluations.services.verdicts import evaluation_verdict
from mentorship.mentorships.models import Mentorship


def _mentorship(organization, email) -> Mentorship | None:
    return (
        Mentorship.objects.select_related("term", "mentee")
        .filter(organization=organization, mentee__email=email, state="active")
        .first()
    )


def load_demo() -> dict[str, int]:
    borealis = Organization.objects.filter(slug="borealis").first()
    mentor = User.objects.filter(email="mentor.borealis@example.org").first()
    if borealis is None or mentor is None:
        return {"verdicts": 0}
    given = 0
    with scope(organization=borealis):
        for email in ("mentee@example.org", "rio.mentee@example.org"):
            mentorship = _mentorship(borealis, email)
            if mentorship is None:
                continue
            first = mentorship.evaluations.filter(kind="evaluation_1").first()
            if first is not None and first.state == EvaluationState.PENDING:
                evaluation_verdict(
                    evaluation=first,
                    actor=mentor,
                    verdict="pass",
                    progress=4,
                    communication=4,
                    comment="Good start: the environment is set up and a first patch is in.",
                    now=first.due_at,
                )
                given += 1
        rio = _mentorship(borealis, "rio.mentee@example.org")
        if rio is not None and rio.extension_weeks == 0:
            midterm = rio.evaluations.get(kind="midterm")
            evaluation_verdict(
                evaluation=midterm,
                actor=mentor,
                verdict="extend",
                weeks=2,
                progress=3,
                communication=4,
                comment="Two weeks lost to illness; the plan still holds.",
                now=midterm.due_at,
            )
            given += 1
    return {"verdicts": given}
