"""The person's reminder preferences (/me/reminders/) and the one-click unsubscribe address
of a reminder email (/reminders/unsubscribe/<token>/, RFC 8058: mail clients POST to it)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from core.reminders.registry import rule_get
from core.reminders.selectors import reminder_preferences
from core.reminders.services import (
    reminder_opt_out,
    reminder_preferences_set,
    reminder_token_read,
)


@login_required
def my_reminders(request):
    if request.method == "POST":
        reminder_preferences_set(user=request.user, off=_unticked(request))
        messages.success(request, "Reminder preferences saved.")
        return redirect("reminders:mine")
    return render(request, "core/reminders.html", reminder_preferences(user=request.user))


def _unticked(request) -> set[str]:
    """The optional rules shown to the person that the form left unticked."""
    chosen = set(request.POST.getlist("on"))
    shown = reminder_preferences(user=request.user)["optional"]
    return {rule.name for rule, _ in shown if rule.name not in chosen}


# One click from a mail client carries no session nor CSRF token: the signed address is the
# proof (it names one person and one rule and does nothing but turn that rule off).
@csrf_exempt
def unsubscribe(request, token):
    found = reminder_token_read(token)
    rule = rule_get(found[1]) if found else None
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if rule is None or user is None or not rule.optional:
        raise Http404("This unsubscribe address is not valid.")
    done = False
    if request.method == "POST":
        done = reminder_opt_out(user=user, rule=rule.name)
    return render(request, "core/unsubscribe.html", {"rule": rule, "done": done})
