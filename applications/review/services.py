"""Writes of the review area: reviews (with their edit history), conflicts of interest and
the shortlist flag.

Each service asks the named permission again (pages and the API ask first, but a service
is the rule; the predicates are in applications/review/rules.py): reviewers are the
organization's admins and coordinators and the term's mentors; a reviewer who declared a
conflict with an applicant can no longer review them or shortlist them."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, DecimalField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce

from accounts.people.models import User
from accounts.viewer import viewer_forget
from applications.apply.models import Application, ApplicationState
from applications.review.models import (
    RUBRIC,
    ConflictKind,
    ConflictOfInterest,
    Review,
    ReviewRevision,
)
from applications.review.selectors.access import REVIEWABLE_STATES, reviewer_has_conflict
from applications.review.selectors.kept import term_figures_forget
from core.audit.services import audit_record

NOTES_MAX = 5000
CONFLICT_NOTE_MAX = 500


NOT_A_REVIEWER = "Only the term's mentors, coordinators and admins review it."
CONFLICTED = (
    "You declared a conflict of interest with this applicant, so you cannot review, "
    "shortlist or decide on them."
)


def _check(user: User, permission: str, application: Application, refusal: str) -> None:
    """Asks the named permission (the rules.py of the slice) after the row is locked, with
    the viewer's lookups read afresh: a conflict declared meanwhile counts."""
    viewer_forget(user)
    if not user.has_perm(permission, application):
        if user.has_perm("applications.review_application", application):
            refusal = CONFLICTED if reviewer_has_conflict(user, application) else refusal
        raise PermissionDenied(refusal)


def _locked(application: Application) -> Application:
    """Serializes writes about one application (two tabs saving one review, a conflict
    declared while a review is saved)."""
    return Application.objects.select_for_update().get(pk=application.pk)


def review_aggregates_refresh(*, application: Application) -> None:
    """Recounts the application's review columns (reviews that count, "not acceptable"
    ones, average score) from its reviews. Called inside the transaction that changed a
    review, with the application row locked, so two reviewers saving at once cannot
    leave a stale count: the second waits for the first and counts both."""
    counted = Review.objects.filter(application_id=application.pk, recused=False)
    totals = counted.aggregate(
        n=Count("pk"),
        n_not_acceptable=Count("pk", filter=Q(not_acceptable=True)),
        average=Avg("score", filter=Q(not_acceptable=False)),
    )
    average = totals["average"]
    if average is not None:
        average = Decimal(average).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    Application.objects.filter(pk=application.pk).update(
        reviews_counted=totals["n"],
        reviews_not_acceptable=totals["n_not_acceptable"],
        reviews_average=average,
    )
    application.reviews_counted = totals["n"]
    application.reviews_not_acceptable = totals["n_not_acceptable"]
    application.reviews_average = average
    term_figures_forget(term_id=application.term_id)


def term_review_aggregates_recount(*, term) -> int:
    """Recounts the review columns of every application of a term in one statement: for
    reviews written in bulk outside review_save (imports, test and benchmark data)."""
    counted = Review.objects.filter(application=OuterRef("pk"), recused=False).order_by()

    def figure(aggregate, **filters):
        return Subquery(
            counted.filter(**filters).values("application").annotate(v=aggregate).values("v")[:1]
        )

    term_figures_forget(term_id=term.pk)
    return Application.objects.filter(organization_id=term.organization_id, term=term).update(
        reviews_counted=Coalesce(figure(Count("pk")), 0),
        reviews_not_acceptable=Coalesce(figure(Count("pk"), not_acceptable=True), 0),
        reviews_average=Cast(
            figure(Avg("score"), not_acceptable=False),
            DecimalField(max_digits=3, decimal_places=2),
        ),
    )


def _clean_scores(scores: dict, not_acceptable: bool) -> dict[str, int | None]:
    errors, clean = {}, {}
    for name, label in RUBRIC.items():
        value = scores.get(name)
        if value in (None, ""):
            if not not_acceptable:
                errors[name] = f"Score {label.lower()} from 1 to 5, or mark “not acceptable”."
            clean[name] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1 or number > 5 or str(value).strip() not in {str(number), f"{number}.0"}:
            errors[name] = f"{label} is scored from 1 to 5."
        clean[name] = number
    if errors:
        raise ValidationError(errors)
    return clean


def _score(clean: dict[str, int | None], not_acceptable: bool) -> Decimal | None:
    if not_acceptable:
        return None
    total = Decimal(sum(clean.values()))
    return (total / len(clean)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def review_save(
    *,
    application: Application,
    reviewer: User,
    skills=None,
    motivation=None,
    communication=None,
    availability=None,
    not_acceptable: bool = False,
    notes: str = "",
) -> Review:
    """Writes the reviewer's review of an application, or edits it (the previous version is
    kept as a ReviewRevision). Each criterion is scored 1–5; the score is their mean. A
    reviewer may instead mark the applicant "not acceptable" (no score). Only the term's
    reviewers, only while the application awaits a decision, never with a conflict."""
    application = _locked(application)
    _check(reviewer, "applications.write_review", application, NOT_A_REVIEWER)
    if application.state not in REVIEWABLE_STATES:
        raise ValidationError("Only applications waiting for a decision can be reviewed.")
    notes = (notes or "").strip()
    if len(notes) > NOTES_MAX:
        raise ValidationError({"notes": f"Keep notes under {NOTES_MAX} characters."})
    not_acceptable = bool(not_acceptable)
    clean = _clean_scores(
        {
            "skills": skills,
            "motivation": motivation,
            "communication": communication,
            "availability": availability,
        },
        not_acceptable,
    )
    fields = {**clean, "score": _score(clean, not_acceptable), "not_acceptable": not_acceptable}
    fields["notes"] = notes
    review = Review.objects.filter(application=application, reviewer=reviewer).first()
    if review is None:
        review = Review.objects.create(
            organization=application.organization,
            application=application,
            term_id=application.term_id,
            reviewer=reviewer,
            **fields,
        )
        action = "review.created"
    else:
        ReviewRevision.objects.create(
            organization=review.organization,
            review=review,
            revision=review.revision,
            skills=review.skills,
            motivation=review.motivation,
            communication=review.communication,
            availability=review.availability,
            score=review.score,
            not_acceptable=review.not_acceptable,
            notes=review.notes,
            written_at=review.updated_at,
        )
        for name, value in fields.items():
            setattr(review, name, value)
        review.revision += 1
        review.save()
        action = "review.updated"
    review_aggregates_refresh(application=application)
    audit_record(
        action=action,
        obj=review,
        actor=reviewer,
        organization=application.organization,
        to_state="not acceptable" if not_acceptable else str(review.score),
        data={"application": str(application.public_id), "revision": review.revision},
    )
    return review


@transaction.atomic
def conflict_declare(
    *, application: Application, reviewer: User, kind: str, note: str = ""
) -> ConflictOfInterest:
    """Records that a reviewer has a conflict of interest with an applicant. From then on
    the reviewer cannot see the applicant's reviews, review, shortlist or decide on them;
    a review they already wrote stays on record as recused and no longer counts."""
    application = _locked(application)
    _check(reviewer, "applications.review_application", application, NOT_A_REVIEWER)
    if kind not in ConflictKind.values:
        raise ValidationError({"kind": "Choose the kind of relationship."})
    note = (note or "").strip()
    if len(note) > CONFLICT_NOTE_MAX:
        raise ValidationError({"note": f"Keep the note under {CONFLICT_NOTE_MAX} characters."})
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        raise ValidationError("You already declared a conflict of interest with this applicant.")
    conflict = ConflictOfInterest.objects.create(
        organization=application.organization,
        application=application,
        reviewer=reviewer,
        kind=kind,
        note=note,
    )
    recused = Review.objects.filter(application=application, reviewer=reviewer).update(recused=True)
    if recused:
        review_aggregates_refresh(application=application)
    term_figures_forget(term_id=application.term_id)  # one more conflict in the term
    audit_record(
        action="review.conflict_declared",
        obj=conflict,
        actor=reviewer,
        organization=application.organization,
        to_state=kind,
        reason=note,
        data={"application": str(application.public_id), "review_recused": bool(recused)},
    )
    viewer_forget(reviewer)
    return conflict


@transaction.atomic
def application_shortlist(
    *, application: Application, actor: User, shortlisted: bool
) -> Application:
    """Sets or clears the shortlist flag (a reviewer's flag, not a state) of an application
    waiting for a decision. Coordinators and admins; the term's mentors where the
    organization lets mentors shortlist; never a reviewer with a conflict."""
    application = _locked(application)
    _check(
        actor,
        "applications.shortlist_application",
        application,
        "Your role cannot change the shortlist here.",
    )
    if application.state != ApplicationState.SUBMITTED:
        raise ValidationError("Only applications waiting for a decision can be shortlisted.")
    shortlisted = bool(shortlisted)
    if application.shortlisted != shortlisted:
        Application.objects.filter(pk=application.pk).update(shortlisted=shortlisted)
        application.shortlisted = shortlisted
        term_figures_forget(term_id=application.term_id)  # the decisions page counts them
        audit_record(
            action="application.shortlisted" if shortlisted else "application.unshortlisted",
            obj=application,
            actor=actor,
            organization=application.organization,
            from_state="not shortlisted" if shortlisted else "shortlisted",
            to_state="shortlisted" if shortlisted else "not shortlisted",
        )
    return application
