from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope

from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.apply.selectors import eligibility as selectors_eligibility
from core.audit.services import audit_record
from programs.terms.models import Term

S = ApplicationState
TEXT_MAX = 5000
URL_MAX = 500


class ApplyRefused(ValidationError):
    """The person may not apply; `refusals` name each reason with a link to fix it."""

    def __init__(self, refusals: list[selectors_eligibility.Refusal]):
        self.refusals = refusals
        super().__init__([refusal.message for refusal in refusals])


def applicant_lock(user_id: int) -> User:
    # Serializes everything one person does to their applications of a cycle (counting
    # active applications, ranking) across all organizations.
    return User.objects.select_for_update().get(pk=user_id)


def application_locked(application: Application) -> Application:
    """A fresh copy of the application, its row locked, with the term and cycle loaded (in
    the application's own organization scope, whatever scope the caller is in)."""
    with scope(organization=application.organization_id):
        return (
            Application.objects.select_for_update(of=("self",))
            .select_related("term__program", "cycle", "organization")
            .get(pk=application.pk)
        )


def require_owner(application: Application, actor: User) -> None:
    """Only the applicant changes their application (`applications.change_own_application`).
    A refusal, not a 404: the /me/ pages and API never find another person's application
    (accounts.tenancy.owned_object), so only a caller that skipped them reaches this."""
    if not actor.has_perm("applications.change_own_application", application):
        raise ValidationError("Only the applicant can change this application.")


# --- start ---------------------------------------------------------------------------------


@transaction.atomic
def application_start(*, user: User, term: Term) -> Application:
    """Starts a draft application to a term, after the eligibility check: the term accepts
    applications, the person has no live application to it and was not declined by it,
    their profile is complete, they attested being 18 or older by the term start, their
    country is not restricted by the cycle, they did not graduate before (unless the cycle
    allows it), and the cycle's limit of active applications is not reached. Run in the
    term's organization scope."""
    applicant_lock(user.pk)
    refusals = selectors_eligibility.apply_refusals(user=user, term=term)
    if refusals:
        raise ApplyRefused(refusals)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                organization=term.organization,
                term=term,
                cycle=term.cycle,
                applicant=user,
                state=S.DRAFT,
            )
    except IntegrityError as error:  # a second tab started one at the same moment
        raise ValidationError("You already applied to this term.") from error
    audit_record(
        action="application.created",
        obj=application,
        actor=user,
        organization=term.organization,
        to_state=S.DRAFT,
    )
    return application
