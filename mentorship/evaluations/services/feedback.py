"""The mentee's midterm and final feedback (kept from the mentors, read by admins)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from mentorship.evaluations.models import (
    FeedbackKind,
    MenteeFeedback,
)
from mentorship.evaluations.selectors import feedback_opens_at
from mentorship.evaluations.services.verdicts import rating_value
from mentorship.mentorships.models import Mentorship, MentorshipState


@transaction.atomic
def feedback_submit(
    *,
    mentorship: Mentorship,
    mentee: User,
    kind: str,
    mentorship_rating,
    program_rating,
    comments: str = "",
    now: datetime | None = None,
) -> MenteeFeedback:
    """The mentee's own midterm or final feedback about the mentorship and the program,
    once each, from a week before the checkpoint is due. Kept from the mentors."""
    now = now or timezone.now()
    if mentorship.mentee_id != mentee.pk:
        raise PermissionDenied("Only the mentee gives this feedback.")
    if kind not in FeedbackKind.values:
        raise ValidationError({"kind": "Choose the midterm or the final feedback."})
    if mentorship.state == MentorshipState.ENDED:
        raise ValidationError("This mentorship was ended by an admin.")
    opens = feedback_opens_at(mentorship, kind)
    if now < opens:
        raise ValidationError(f"This feedback opens on {opens:%d %B %Y}.")
    mentorship_rating = rating_value("mentorship_rating", mentorship_rating)
    program_rating = rating_value("program_rating", program_rating)
    comments = (comments or "").strip()
    if len(comments) > 3000:
        raise ValidationError({"comments": "Use at most 3,000 characters."})
    if MenteeFeedback.objects.filter(mentorship=mentorship, kind=kind).exists():
        raise ValidationError("You already gave this feedback: thank you.")
    feedback = MenteeFeedback.objects.create(
        organization_id=mentorship.organization_id,
        mentorship=mentorship,
        kind=kind,
        mentorship_rating=mentorship_rating,
        program_rating=program_rating,
        comments=comments,
    )
    audit_record(
        action="mentorship.feedback",
        obj=mentorship,
        actor=mentee,
        organization=mentorship.organization,
        reason=f"{feedback.get_kind_display()} given",
    )
    return feedback
