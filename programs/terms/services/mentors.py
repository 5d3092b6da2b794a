"""Mentors of a term: chosen from the organization's mentors; exactly one is primary while
the term has any."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.people.models import User
from core.audit.services import audit_record
from programs.terms.models import Term, TermMentor
from programs.terms.services.terms import mentors_check, term_lock


@transaction.atomic
def term_mentor_add(
    *, term: Term, actor: User | None, user: User, is_primary: bool = False
) -> TermMentor:
    """Adds a mentor to a term. The first mentor is primary; naming a new primary makes the
    previous one a co-mentor."""
    term = term_lock(term)
    mentors_check(term.organization, [user])
    if TermMentor.objects.filter(term=term, user=user).exists():
        raise ValidationError({"user": f"{user} already mentors this term."})
    has_primary = TermMentor.objects.filter(term=term, is_primary=True).exists()
    is_primary = is_primary or not has_primary
    if is_primary:
        TermMentor.objects.filter(term=term, is_primary=True).update(is_primary=False)
    try:
        with transaction.atomic():
            mentor = TermMentor.objects.create(
                organization=term.organization, term=term, user=user, is_primary=is_primary
            )
    except IntegrityError as error:  # pragma: no cover - the term lock serializes this
        raise ValidationError({"user": f"{user} already mentors this term."}) from error
    audit_record(
        action="term.mentor_added",
        obj=mentor,
        actor=actor,
        organization=term.organization,
        to_state="primary" if is_primary else "co-mentor",
        data={"term": term.pk, "user": user.email},
    )
    return mentor


@transaction.atomic
def term_mentor_make_primary(*, mentor: TermMentor, actor: User | None) -> TermMentor:
    term = term_lock(mentor.term)
    mentor = TermMentor.objects.get(pk=mentor.pk)
    if not mentor.is_primary:
        TermMentor.objects.filter(term=term, is_primary=True).update(is_primary=False)
        mentor.is_primary = True
        mentor.save(update_fields=["is_primary"])
        audit_record(
            action="term.mentor_primary",
            obj=mentor,
            actor=actor,
            organization=term.organization,
            from_state="co-mentor",
            to_state="primary",
            data={"term": term.pk, "user": mentor.user.email},
        )
    return mentor


@transaction.atomic
def term_mentor_remove(*, mentor: TermMentor, actor: User | None) -> None:
    """Removes a mentor; when the primary leaves, the longest-serving co-mentor becomes
    primary."""
    term = term_lock(mentor.term)
    mentor = TermMentor.objects.select_related("user").get(pk=mentor.pk)
    was_primary = mentor.is_primary
    audit_record(
        action="term.mentor_removed",
        obj=mentor,
        actor=actor,
        organization=term.organization,
        from_state="primary" if was_primary else "co-mentor",
        data={"term": term.pk, "user": mentor.user.email},
    )
    mentor.delete()
    if was_primary:
        successor = TermMentor.objects.filter(term=term).order_by("created_at", "id").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary"])
