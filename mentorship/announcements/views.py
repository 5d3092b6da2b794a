"""A term's announcements (/o/<org>/terms/<term>/announcements/): write one, confirm who it
goes to, and follow its progress. Admins only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view
from core.errors import Conflict
from core.forms import apply_errors
from mentorship.announcements.forms import AnnouncementForm
from mentorship.announcements.selectors import term_announcements
from mentorship.announcements.services.compose import announcement_check, announcement_create
from programs.terms import selectors as terms_selectors


@organization_view("programs.manage_term")
def term_announcements_view(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    form = AnnouncementForm()
    confirm = None
    status = 200
    if request.method == "POST":
        form = AnnouncementForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "audience": data["audience"],
                "states": data["application_states"],
                "subject": data["subject"],
                "body": data["body"],
            }
            try:
                confirmed_count = _int_or_none(request.POST.get("confirm_count"))
                if request.POST.get("confirmed") == "yes" and confirmed_count is not None:
                    announcement = announcement_create(
                        term=term, actor=request.user, confirmed_count=confirmed_count, **fields
                    )
                    messages.success(
                        request,
                        f"Announcement queued to {announcement.total} "
                        f"{'person' if announcement.total == 1 else 'people'}.",
                    )
                    return redirect(
                        "mentorship:term-announcements",
                        org=request.organization.slug,
                        term=term.pk,
                    )
                confirm = len(announcement_check(term=term, **fields)["recipients"])
            except ValidationError as error:
                apply_errors(form, error)
            except Conflict as error:
                form.add_error(None, error.message)
        if not form.is_valid() or form.errors:
            status = 400
    return render(
        request,
        "mentorship/term_announcements.html",
        {
            "organization": request.organization,
            "term": term,
            "program": term.program,
            "form": form,
            "confirm": confirm,
            "announcements": term_announcements(term=term),
        },
        status=status,
    )


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
