"""Optional demographic answers: stored per category only with that category's consent, and
erasable at any time. The values never enter the audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import DEMOGRAPHIC_CATEGORIES, DemographicAnswer, User

from .audit import audit_record

CONSENT_MISSING = (
    "Tick the consent box to let us store this answer, or leave the question unanswered."
)


@transaction.atomic
def demographics_set(*, user: User, answers: dict[str, dict]) -> list[DemographicAnswer]:
    """Replaces the person's answers. `answers` maps a category to {"value", "consent"}; a
    category left out or answered blank is deleted. An answer without consent is refused."""
    unknown = set(answers) - set(DEMOGRAPHIC_CATEGORIES)
    if unknown:
        raise ValidationError(f"Unknown questions: {', '.join(sorted(unknown))}.")
    errors, keep = {}, {}
    for category, answer in answers.items():
        value = (answer or {}).get("value") or ""
        if not value:
            continue
        allowed = [choice for choice, _label in DEMOGRAPHIC_CATEGORIES[category][1]]
        if value not in allowed:
            errors[category] = f"Choose one of the listed answers ({', '.join(allowed)})."
        elif not answer.get("consent"):
            errors[category] = CONSENT_MISSING
        else:
            keep[category] = value
    if errors:
        raise ValidationError(errors)

    existing = {
        a.category: a for a in DemographicAnswer.objects.select_for_update().filter(user=user)
    }
    DemographicAnswer.objects.filter(user=user).exclude(category__in=keep).delete()
    now = timezone.now()
    for category, value in keep.items():
        answer = existing.get(category)
        if answer is None:
            DemographicAnswer.objects.create(
                user=user, category=category, value=value, consented_at=now
            )
        elif answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])
    audit_record(
        action="demographics.updated", obj=user, actor=user, data={"categories": sorted(keep)}
    )
    return list(DemographicAnswer.objects.filter(user=user).order_by("category"))


@transaction.atomic
def demographics_erase(*, user: User) -> int:
    """Deletes every demographic answer of the person. Returns how many were deleted."""
    deleted, _ = DemographicAnswer.objects.filter(user=user).delete()
    audit_record(action="demographics.erased", obj=user, actor=user, data={"answers": deleted})
    return deleted
