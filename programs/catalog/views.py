"""Public pages: the catalog, program pages and logos. Anyone, signed in or not."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from core.ical import ics_response
from core.uploads.logos import logo_response
from programs.catalog import selectors as catalog_selectors
from programs.catalog.filters import CatalogFilterSet
from programs.follows.selectors import is_following
from programs.terms.calendar import term_calendar

PER_PAGE = 20


@require_GET
def catalog(request):
    filterset = CatalogFilterSet(
        request.GET or None,
        facets=catalog_selectors.catalog_facets(),
        request=request,
        best_match_by_default=True,
    )
    paginator = Paginator(filterset.qs, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/catalog.html",
        {
            "form": filterset.form,
            "page": page,
            "query": query.urlencode(),
            "order": filterset.chosen_order,
            "others": catalog_selectors.catalog_other_programs(),
        },
        status=400 if filterset.search_refused else 200,
    )


@require_GET
def organization_page(request, org):
    organization = catalog_selectors.public_organization_page(org=org)
    return render(request, "programs/public_organization.html", {"organization": organization})


@require_GET
def program_page(request, org, program):
    program = catalog_selectors.public_program(org=org, slug=program, user=request.user)
    return render(
        request,
        "programs/public_program.html",
        {"program": program, "following": is_following(user=request.user, program=program)},
    )


def _public_term(request, org, program, term):
    found = catalog_selectors.public_program(org=org, slug=program, user=request.user)
    chosen = next((t for t in found.public_terms if t.pk == term), None)
    if chosen is None:
        raise Http404("No such term.")
    url = request.build_absolute_uri(
        reverse("programs:public-program", kwargs={"org": org, "program": program})
    )
    return chosen, url


@require_GET
def term_calendar_feed(request, org, program, term):
    """A public term's timeline as an .ics feed ("Add to calendar"); the same visibility as
    the program's page."""
    chosen, url = _public_term(request, org, program, term)
    return ics_response(term_calendar(term=chosen, url=url), filename=f"{program}-term-{term}.ics")


@require_GET
def term_milestone_calendar(request, org, program, term, kind):
    """One milestone of a public term as an .ics download (its "Add to calendar" link); the
    same event (UID) as in the term's feed."""
    chosen, url = _public_term(request, org, program, term)
    content = term_calendar(term=chosen, url=url, kind=kind)
    if content is None:
        raise Http404("No such milestone.")
    return ics_response(content, filename=f"{program}-{kind.replace('_', '-')}.ics", download=True)


@require_GET
def program_logo(request, org, program):
    program = catalog_selectors.program_logo(org=org, slug=program, user=request.user)
    return logo_response(
        program.logo,
        program.logo_content_type,
        filename=f"{program.slug}-logo",
        public=program.is_published,
    )
