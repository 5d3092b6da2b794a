"""The offers' reminder rule (core.reminders): a mentee whose offer still waits hears two days
before its deadline, once per offer and deadline. (It had its own task and sent-log; it is a
rule like the others now, so the sweep's claims keep it to once.)"""

from datetime import datetime, timedelta

from applications.decisions.emails import offer_email_context
from applications.decisions.models import Offer, OfferState
from core.reminders.registry import Due, ReminderRule, register, subject_key
from core.tenancy import cross_tenant


@cross_tenant
def offers_waiting(start: datetime, end: datetime, term_id: int | None = None):
    """CROSS-TENANT (the sweep serves every organization): offers still waiting, their cycle's
    results announced, whose deadline is in (start, end]; each reminder goes to the offer's
    own mentee only."""
    offers = Offer.objects.filter(
        state=OfferState.PENDING,
        application__cycle__results_announced_at__lte=start,
        deadline__gt=start,
        deadline__lte=end,
    )
    if term_id is not None:
        offers = offers.filter(application__term_id=term_id)
    offers = offers.select_related(
        "application__applicant",
        "application__organization",
        "application__term__program",
        "application__term__cycle",
    ).order_by("deadline", "pk")
    dues = []
    for offer in offers:
        application = offer.application
        context = offer_email_context(application)
        dues.append(
            Due(
                subject=subject_key("offer", offer.pk, offer.deadline),
                organization_id=offer.organization_id,
                recipient_ids=[application.applicant_id],
                context={
                    **context,
                    "deadline": offer.deadline,
                    "link": context["offer_link"],
                    "link_text": "Your offer",
                },
                at=offer.deadline,
                term_id=application.term_id,
            )
        )
    return dues


register(
    ReminderRule(
        name="mentorship.offer_deadline",
        trigger="2 days before an offer's deadline, while it waits for an answer",
        audience="The mentee the offer was made to",
        template="offer_deadline",
        find=offers_waiting,
        window=(timedelta(0), timedelta(days=2)),
    )
)
