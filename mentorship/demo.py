"""Demo data of mentorship (idempotent): the two applicants borealis accepted in the previous
cycle (applications/decisions/demo.py) confirm their offers, so borealis's term has two
mentorships past their midterm, one of them `mentee@example.org`'s. The confirmation goes
through the same service as the offer page. Then the slices add the term's work: verdicts
and an extension (evaluations/demo.py), tasks in each state (assignments/demo.py) and
`graduate@example.org`'s graduated mentorship with its letter (certificates/demo.py), and
graduate profiles and employers (graduates/demo.py)."""

from django_scopes import scope

from accounts.organizations.models import Organization
from accounts.people.models import User
from applications.decisions.models import Offer, OfferState
from mentorship.announcements.demo import load_demo as load_announcements_demo
from mentorship.assignments.demo import load_demo as load_tasks_demo
from mentorship.certificates.demo import load_demo as load_certificates_demo
from mentorship.evaluations.demo import load_demo as load_evaluations_demo
from mentorship.graduates.demo import load_demo as load_graduates_demo
from mentorship.mentorships.models import Mentorship
from mentorship.offers.services import offer_confirm
from mentorship.runs.demo import load_demo as load_runs_demo

LEGAL_NAMES = {
    "mentee@example.org": "Mina Example Mentee",
    "rio.mentee@example.org": "Rio Alejandro Rivera",
}


def load_demo() -> dict[str, int]:
    created = _confirm_borealis_offers()
    created.update(load_evaluations_demo())
    created.update(load_tasks_demo())
    created.update(load_certificates_demo())
    created.update(load_runs_demo())
    created.update(load_graduates_demo())
    created.update(load_announcements_demo())
    return created


def _confirm_borealis_offers() -> dict[str, int]:
    borealis = Organization.objects.filter(slug="borealis").first()
    if borealis is None:
        return {"mentorships": 0}
    # Every row this demo reads or writes is borealis's.
    with scope(organization=borealis):
        before = Mentorship.objects.count()
        pending = list(
            Offer.objects.select_related("application__organization", "application__applicant")
            .filter(
                state=OfferState.PENDING,
                application__organization=borealis,
                application__applicant__email__in=list(LEGAL_NAMES),
            )
            .order_by("pk")
        )
        for offer in pending:
            mentee: User = offer.application.applicant
            offer_confirm(
                offer=offer,
                mentee=mentee,
                legal_name=LEGAL_NAMES[mentee.email],
                agreed=True,
                ip="192.0.2.10",
            )
        return {"mentorships": Mentorship.objects.count() - before}
