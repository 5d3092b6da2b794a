"""The term's rank list page (/o/<org>/ranking/terms/<term>/): the list built from the
reviews, moves up and down or to a typed rank, the cut line. Plain forms, and HTMX swaps of
the list when the browser runs it. Thin shells over applications.ranking.services."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import organization_view
from applications.apply.models import Application
from applications.ranking import selectors
from applications.ranking.services import rank_cut_set, rank_move, rank_reset
from programs.terms import selectors as terms_selectors


def _context(request, term) -> dict:
    entries = selectors.term_rank_list(term=term)
    settings = selectors.term_rank_settings(term=term)
    return {
        "organization": request.organization,
        "term": term,
        "entries": entries,
        "cut": settings.cut if settings else None,
        "summary": selectors.term_rank_summary(term=term, entries=entries),
        "can_rank": request.user.has_perm("applications.rank_applicants", term),
    }


def _answer(request, term):
    if request.htmx:
        return render(request, "applications/ranking/_list.html", _context(request, term))
    return redirect("applications:rank-list", org=request.organization.slug, term=term.pk)


def _run(request, work, done: str):
    try:
        work()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


@organization_view("applications.view_rank_list")
def rank_list(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    return render(request, "applications/ranking/rank_list.html", _context(request, term))


@organization_view("applications.rank_applicants")
@require_POST
def rank_list_move(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    application = (
        Application.objects.filter(
            organization=request.organization, term=term, public_id=request.POST.get("application")
        )
        .select_related("applicant")
        .first()
        if _is_uuid(request.POST.get("application"))
        else None
    )
    if application is None:
        messages.error(request, "Choose an applicant of this term's list.")
        return _answer(request, term)
    position = request.POST.get("position", "")
    _run(
        request,
        lambda: rank_move(
            term=term, application=application, position=position, actor=request.user
        ),
        f"{application.applicant.name} moved to rank {position}.",
    )
    return _answer(request, term)


@organization_view("applications.rank_applicants")
@require_POST
def rank_list_cut(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    raw = request.POST.get("cut", "").strip()
    _run(
        request,
        lambda: rank_cut_set(term=term, cut=raw or None, actor=request.user),
        "Cut line removed." if not raw else f"Cut line set below rank {raw}.",
    )
    return _answer(request, term)


@organization_view("applications.rank_applicants")
@require_POST
def rank_list_reset(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    _run(request, lambda: rank_reset(term=term, actor=request.user), "Back to the reviews' order.")
    return _answer(request, term)


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True
