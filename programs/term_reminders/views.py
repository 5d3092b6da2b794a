"""The term's reminders page (/o/<org>/terms/<term>/reminders/): upcoming reminders with a
dry run, what went out, pause and resume per rule. Admins only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.tenancy import organization_view
from core.reminders.registry import rule_get
from core.reminders.services import reminder_pause_set
from programs.programs.views import flash_error
from programs.term_reminders.selectors import HORIZON, term_reminders
from programs.terms import selectors as terms_selectors


@organization_view("programs.manage_term")
def term_reminders_view(request, term):
    term = terms_selectors.term_get(organization=request.organization, pk=term)
    if request.method == "POST":
        name = request.POST.get("rule", "")
        action = request.POST.get("action", "")
        try:
            if action not in {"pause", "resume"}:
                raise ValidationError("Choose to pause or to resume the reminder.")
            reminder_pause_set(
                rule=name,
                term_id=term.pk,
                organization=request.organization,
                paused=action == "pause",
                actor=request.user,
            )
        except ValidationError as error:
            flash_error(request, error)
        else:
            rule = rule_get(name)
            if action == "pause":
                messages.success(request, f"“{rule.trigger}” is paused for this term.")
            else:
                messages.success(
                    request, f"“{rule.trigger}” is on again; what is still due goes out."
                )
        return redirect("programs:term-reminders", org=request.organization.slug, term=term.pk)
    return render(
        request,
        "programs/term_reminders.html",
        {
            "organization": request.organization,
            "term": term,
            "program": term.program,
            "overview": term_reminders(term=term, now=timezone.now()),
            "horizon_days": HORIZON.days,
        },
    )
