from django.shortcuts import render

from accounts.organizations import selectors


def home(request):
    memberships = (
        selectors.user_memberships(user=request.user) if request.user.is_authenticated else []
    )
    return render(request, "home.html", {"memberships": memberships})
