from django.shortcuts import render

from accounts.organizations import selectors
from config import start


def home(request):
    """Signed out: what the platform is, open programs, deadlines, figures. Signed in: the
    person's start page, what to do next for each role they hold."""
    if not request.user.is_authenticated:
        return render(request, "home.html", start.home_page())
    return render(
        request,
        "start.html",
        {
            "memberships": selectors.user_memberships(user=request.user),
            "start": start.start_page(user=request.user),
        },
    )
