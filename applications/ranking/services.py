"""Changes to a term's rank list: moving an applicant to a position (up, down or a typed
rank), resetting to the reviews' order, and the cut line. Only admins and coordinators
(`applications.rank_applicants`). Each change is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from accounts.people.models import User
from applications.apply.models import Application
from applications.ranking.models import PlacementExplanation, TermRankList
from applications.ranking.selectors import term_rank_list
from core.audit.services import audit_record
from core.tenancy import cross_tenant
from programs.terms.models import Term


def _check_actor(actor: User | None, term: Term) -> None:
    if actor is not None and not actor.has_perm("applications.rank_applicants", term):
        raise PermissionDenied("Only the organization's admins and coordinators rank applicants.")


def _locked_list(term: Term) -> TermRankList:
    # The term's row lock serializes two people reordering the same list.
    Term.objects.select_for_update().filter(pk=term.pk).first()
    rank_list, _ = TermRankList.objects.get_or_create(
        term=term, defaults={"organization_id": term.organization_id}
    )
    return rank_list


@transaction.atomic
def rank_move(
    *, term: Term, application: Application, position: int, actor: User | None
) -> TermRankList:
    """Moves an applicant of the list to `position` (1 = first); the others shift. The
    list's order is then the one shown, kept from now on."""
    _check_actor(actor, term)
    if application.term_id != term.pk:
        raise ValidationError({"application": "This applicant did not apply to this term."})
    rank_list = _locked_list(term)
    entries = term_rank_list(term=term)
    ids = [e.application_id for e in entries]
    if application.pk not in ids:
        raise ValidationError(
            {
                "application": "This applicant is not on the rank list (declined, withdrawn, "
                "marked not acceptable, or a mentor declared a conflict)."
            }
        )
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise ValidationError({"position": "Enter a whole number."}) from None
    if not 1 <= position <= len(ids):
        raise ValidationError({"position": f"Enter a rank from 1 to {len(ids)}."})
    before = ids.index(application.pk) + 1
    ids.remove(application.pk)
    ids.insert(position - 1, application.pk)
    rank_list.order = ids
    rank_list.updated_by = actor if actor is not None and actor.is_authenticated else None
    rank_list.save()
    audit_record(
        action="term.rank_moved",
        obj=term,
        actor=actor,
        organization=term.organization,
        reason=f"Moved {application.applicant.name} from {before} to {position}.",
        data={"application": str(application.public_id), "from": before, "to": position},
    )
    return rank_list


@transaction.atomic
def rank_cut_set(*, term: Term, cut: int | None, actor: User | None) -> TermRankList:
    """The cut line: the term takes at most the first `cut` applicants of its list; below
    it they are not acceptable to the term. None removes the line."""
    _check_actor(actor, term)
    if cut is not None:
        try:
            cut = int(cut)
        except (TypeError, ValueError):
            raise ValidationError({"cut": "Enter a whole number, or leave empty."}) from None
        if cut < 0:
            raise ValidationError({"cut": "Enter 0 or more (0: nobody is acceptable)."})
    rank_list = _locked_list(term)
    rank_list.cut = cut
    rank_list.updated_by = actor if actor is not None and actor.is_authenticated else None
    rank_list.save()
    audit_record(
        action="term.rank_cut_set",
        obj=term,
        actor=actor,
        organization=term.organization,
        reason="Cut line removed." if cut is None else f"Cut line below rank {cut}.",
        data={"cut": cut},
    )
    return rank_list


@transaction.atomic
def rank_reset(*, term: Term, actor: User | None) -> TermRankList:
    """Back to the reviews' order (the cut line stays)."""
    _check_actor(actor, term)
    rank_list = _locked_list(term)
    rank_list.order = []
    rank_list.updated_by = actor if actor is not None and actor.is_authenticated else None
    rank_list.save()
    audit_record(
        action="term.rank_reset",
        obj=term,
        actor=actor,
        organization=term.organization,
        reason="Rank list back to the reviews' order.",
    )
    return rank_list


@cross_tenant
def explanations_store(*, texts: dict[int, tuple[int, str]]) -> int:
    """Stores why each application was not placed ({application id: (organization id,
    text)}), replacing an earlier round's text. Cross-tenant because a matching run's
    publication covers every organization of the cycle; filtered by the application ids
    given. Called inside the publication's transaction; two statements whatever the size
    (one INSERT of arrays: a run explains tens of thousands of applications)."""
    ids = list(texts)
    if connection.vendor != "postgresql":  # the embedded default (SQLite): no arrays
        PlacementExplanation.objects.filter(application_id__in=ids).delete()
        PlacementExplanation.objects.bulk_create(
            PlacementExplanation(organization_id=organization_id, application_id=pk, text=text)
            for pk, (organization_id, text) in texts.items()
        )
        return len(texts)
    table = PlacementExplanation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE application_id = ANY(%s)", [ids])  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (organization_id, application_id, text, created_at) "  # noqa: S608
            "SELECT o, a, t, %s FROM unnest(%s::bigint[], %s::bigint[], %s::text[]) AS x(o, a, t)",
            [
                timezone.now(),
                [organization_id for organization_id, _ in texts.values()],
                ids,
                [text for _, text in texts.values()],
            ],
        )
    return len(texts)
