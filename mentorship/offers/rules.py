"""Who may answer an offer: only the applicant it was made to. Default deny."""

import rules


@rules.predicate
def is_offer_mentee(user, offer) -> bool:
    return offer is not None and user.is_authenticated and offer.application.applicant_id == user.pk


rules.add_perm("mentorship.answer_offer", is_offer_mentee)
