"""Public pages: the catalog, program pages and logos. Anyone, signed in or not."""

from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from programs import selectors
from programs.forms import CatalogForm
from programs.logos import EXTENSIONS

PER_PAGE = 20


@require_GET
def catalog(request):
    facets = selectors.catalog_facets()
    form = CatalogForm(request.GET or None, facets=facets)
    filters = form.filters() if request.GET else selectors.CatalogFilters()
    paginator = Paginator(selectors.catalog_programs(filters), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/catalog.html",
        {"form": form, "page": page, "filters": filters, "query": query.urlencode()},
    )


@require_GET
def program_page(request, org, program):
    program = selectors.public_program(org=org, slug=program, user=request.user)
    return render(request, "programs/public_program.html", {"program": program})


@require_GET
def program_logo(request, org, program):
    program = selectors.program_logo(org=org, slug=program, user=request.user)
    response = FileResponse(
        program.logo.open("rb"),
        content_type=program.logo_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"{program.slug}-logo{EXTENSIONS.get(program.logo_content_type, '')}",
    )
    response["Cache-Control"] = "public, max-age=300" if program.is_published else "private"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
