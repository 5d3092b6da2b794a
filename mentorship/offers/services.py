"""The mentee's answer to an offer: confirm (which starts the mentorship) or decline, before
the deadline; an offer nobody answered lapses. Declining and lapsing free the term's slot
and the mentee's placement of the cycle in the same transaction, so admins can accept
someone else at once.

Offer states move only along OFFER_TRANSITIONS, by compare-and-set (UPDATE ... WHERE
state = 'pending'), so a double click, a confirmation racing the lapse sweep, or a sweep run
twice changes an offer once."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.organizations.models import Membership, Role
from accounts.people.models import User
from applications.apply.models import Application, ApplicationState
from applications.apply.selectors.visibility import decision_visible
from applications.apply.services.transitions import application_transition
from applications.decisions.emails import decision_email_queue, offer_email_context
from applications.decisions.models import (
    EmailKind,
    Offer,
    OfferState,
    Placement,
    TermSlot,
)
from applications.decisions.selectors import program_texts, render_text
from applications.review.selectors.kept import term_figures_forget
from core.outbox.services import absolute_url
from core.transitions import state_transition
from mentorship.evaluations.services.checkpoints import evaluations_create
from mentorship.mentorships.models import Mentorship
from mentorship.mentorships.services import mentorship_start
from mentorship.signals import mentorship_started

S = ApplicationState


# (from, to): the timestamp field the move sets. Only a pending offer is answered or lapses.
OFFER_TRANSITIONS: dict[tuple[str, str], str | None] = {
    (OfferState.PENDING, OfferState.CONFIRMED): "answered_at",
    (OfferState.PENDING, OfferState.DECLINED): "answered_at",
    (OfferState.PENDING, OfferState.LAPSED): "answered_at",
}

OFFER_REFUSALS = {
    OfferState.CONFIRMED: "You already confirmed this offer.",
    OfferState.DECLINED: "You already declined this offer.",
    OfferState.LAPSED: "This offer lapsed: it was not confirmed before its deadline.",
}


@transaction.atomic
def offer_transition(
    *, offer: Offer, to_state: str, actor: User | None, reason: str = "", updates=None
) -> Offer:
    """Moves an offer along OFFER_TRANSITIONS (compare-and-set, audited)."""
    moved = state_transition(
        obj=offer,
        to_state=to_state,
        actor=actor,
        transitions=OFFER_TRANSITIONS,
        refusals=OFFER_REFUSALS,
        reason=reason,
        updates=updates,
    )
    # The term's decisions page counts confirmed offers (review.selectors.kept).
    term_figures_forget(term_id=offer.application.term_id)
    return moved


def _check_answerable(offer: Offer, mentee: User, now: datetime) -> None:
    application = offer.application
    if not mentee.has_perm("mentorship.answer_offer", offer):
        raise PermissionDenied("Only the applicant answers their offer.")
    if not decision_visible(application=application, now=now):
        raise ValidationError("This offer is not announced yet.")
    if offer.state != OfferState.PENDING:
        raise ValidationError(OFFER_REFUSALS[offer.state])
    if now >= offer.deadline:
        raise ValidationError(OFFER_REFUSALS[OfferState.LAPSED])


def _free_slot_and_placement(application: Application) -> None:
    TermSlot.objects.filter(application=application).delete()
    Placement.objects.filter(application=application).delete()


def agreement_for(offer: Offer) -> str:
    program = offer.application.term.program
    return render_text(program_texts(program=program).agreement_text, program=program)


@transaction.atomic
def offer_confirm(
    *,
    offer: Offer,
    mentee: User,
    legal_name: str,
    agreed: bool,
    ip: str | None,
    now: datetime | None = None,
):
    """The mentee confirms before the deadline, typing their legal name under the
    program's agreement; the agreement text, name, instant and IP address are kept as they
    were. The mentorship starts (active) with the term's mentors and its own copy of the
    term's dates."""
    now = now or timezone.now()
    _check_answerable(offer, mentee, now)
    legal_name = " ".join((legal_name or "").split())
    if not legal_name:
        raise ValidationError({"legal_name": "Type your full legal name to sign the agreement."})
    if len(legal_name) > 200:
        raise ValidationError({"legal_name": "Use at most 200 characters."})
    if not agreed:
        raise ValidationError({"agreed": "Tick the box to agree to the program's agreement."})
    offer_transition(
        offer=offer,
        to_state=OfferState.CONFIRMED,
        actor=mentee,
        reason=f"Signed as {legal_name}",
        updates={
            "answered_at": now,
            "legal_name": legal_name,
            "agreement_text": agreement_for(offer),
            "confirmed_ip": ip or None,
        },
    )
    mentorship = mentorship_start(offer=offer, actor=mentee)
    evaluations_create(mentorship=mentorship)
    mentorship_started.send(sender=Mentorship, mentorship=mentorship)
    notify_confirmation(application=offer.application, mentorship=mentorship)
    return mentorship


@transaction.atomic
def offer_decline(
    *, offer: Offer, mentee: User, reason: str = "", now: datetime | None = None
) -> Offer:
    """The mentee declines before the deadline: the application becomes `withdrawn` and
    the term's slot and the mentee's placement of the cycle are free again."""
    now = now or timezone.now()
    _check_answerable(offer, mentee, now)
    reason = (reason or "").strip()[:2000]
    offer_transition(
        offer=offer,
        to_state=OfferState.DECLINED,
        actor=mentee,
        reason=reason or "Declined by the mentee",
        updates={"answered_at": now, "decline_reason": reason},
    )
    application_transition(
        application=offer.application,
        to_state=S.WITHDRAWN,
        actor=mentee,
        reason="The mentee declined the offer",
    )
    _free_slot_and_placement(offer.application)
    return offer


@transaction.atomic
def offer_lapse(*, offer: Offer, now: datetime | None = None) -> bool:
    """An offer still waiting at its deadline lapses: the slot and the placement are freed
    and the organization's admins are told. Returns False when there was nothing to do
    (answered meanwhile, not due yet), so a sweep can run any number of times."""
    now = now or timezone.now()
    if offer.state != OfferState.PENDING or now < offer.deadline:
        return False
    try:
        offer_transition(
            offer=offer,
            to_state=OfferState.LAPSED,
            actor=None,
            reason="Not confirmed before the deadline",
            updates={"answered_at": now},
        )
    except ValidationError:
        return False
    application_transition(
        application=offer.application,
        to_state=S.WITHDRAWN,
        actor=None,
        reason="The offer lapsed: not confirmed before the deadline",
    )
    _free_slot_and_placement(offer.application)
    notify_offer_lapsed(offer=offer)
    return True


def notify_offer_lapsed(*, offer: Offer) -> None:
    application = offer.application
    admins = Membership.objects.filter(
        organization_id=application.organization_id, role=Role.ADMIN
    ).values_list("user__email", flat=True)
    context = {
        **offer_email_context(application),
        "deadline": offer.deadline,
        "term_link": absolute_url(
            "applications:term-decisions",
            org=application.organization.slug,
            term=application.term_id,
        ),
    }
    decision_email_queue(
        application=application,
        kind=EmailKind.OFFER_LAPSED,
        to=list(admins),
        template="offer_lapsed",
        context=context,
    )


def notify_confirmation(*, application: Application, mentorship) -> None:
    mentors = [m.user.email for m in mentorship.mentors.all()]
    context = {
        **offer_email_context(application),
        "mentee": application.applicant.name,
        "mentors": ", ".join(m.user.name for m in mentorship.mentors.all()),
        "starts_at": mentorship.starts_at,
        "link": absolute_url("mentorship:me-mentorship", mentorship=mentorship.public_id),
    }
    # One message to each: the mentee and every mentor.
    decision_email_queue(
        application=application,
        kind=EmailKind.CONFIRMATION,
        to=[application.applicant.email, *mentors],
        template="offer_confirmed",
        context=context,
    )
