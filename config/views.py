from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static

from accounts.organizations import selectors
from config.start.home import home_page
from config.start.page import start_page


def home(request):
    """Signed out: what the platform is, open programs, deadlines, figures. Signed in: the
    person's start page, what to do next for each role they hold."""
    if not request.user.is_authenticated:
        return render(request, "home.html", home_page())
    return render(
        request,
        "start.html",
        {
            "memberships": selectors.user_memberships(user=request.user),
            "start": start_page(user=request.user),
        },
    )


def favicon(request):
    """For browsers that ask for /favicon.ico without reading the page's <link rel="icon">.
    The static URL is looked up per request: with hashed static files it needs the manifest."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))
