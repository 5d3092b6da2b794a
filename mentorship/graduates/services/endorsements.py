"""A mentor's endorsement of a graduate, shown once the graduate accepts it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.people.models import User
from core.audit.services import audit_record
from core.outbox.services import absolute_url, email_queue
from mentorship.graduates import selectors
from mentorship.graduates.models import Endorsement


@transaction.atomic
def endorsement_write(*, mentor: User, mentorship_public_id, text: str) -> Endorsement:
    """A mentor of a graduated mentorship writes a short endorsement; it shows on the
    graduate's profile once they accept it."""
    mentorship = selectors.endorsable_mentorship(mentor=mentor, public_id=mentorship_public_id)
    if mentorship is None:
        raise PermissionDenied("Only a mentor of a graduated mentorship endorses its mentee.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write a sentence or two about the mentee's work."})
    if len(text) > 1000:
        raise ValidationError({"text": "Use at most 1000 characters."})
    endorsement, _ = Endorsement.objects.update_or_create(
        mentor=mentor,
        mentorship_id_public=mentorship.public_id,
        defaults={
            "graduate": mentorship.mentee,
            "mentor_name": mentor.name or mentor.email,
            "program_name": mentorship.term.program.name,
            "text": text,
            "accepted_at": None,
        },
    )
    audit_record(action="endorsement.written", obj=endorsement, actor=mentor)
    email_queue(
        to=[mentorship.mentee.email],
        template="endorsement_received",
        context={
            "mentor": endorsement.mentor_name,
            "link": absolute_url("mentorship:me-graduate-profile"),
        },
    )
    return endorsement


@transaction.atomic
def endorsement_accept(*, endorsement: Endorsement, actor: User, accept: bool = True) -> None:
    """The graduate accepts an endorsement (it shows) or removes it."""
    if endorsement.graduate_id != actor.pk:
        raise PermissionDenied("Only the graduate accepts an endorsement.")
    if accept:
        Endorsement.objects.filter(pk=endorsement.pk).update(accepted_at=timezone.now())
        audit_record(action="endorsement.accepted", obj=endorsement, actor=actor)
    else:
        audit_record(action="endorsement.removed", obj=endorsement, actor=actor)
        endorsement.delete()
