"""Following programs: the button on a public program page (POST
/programs/<org>/<program>/follow/) and the person's list (/me/following/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from programs.catalog import selectors as catalog_selectors
from programs.follows.selectors import my_follows
from programs.follows.services import program_follow_set


@login_required
@require_POST
def follow(request, org, program):
    found = catalog_selectors.public_program(org=org, slug=program, user=request.user)
    following = request.POST.get("following") != "no"
    program_follow_set(user=request.user, program=found, following=following)
    if following:
        messages.success(request, f"You follow {found.name}: we tell you when applications open.")
    else:
        messages.success(request, f"You no longer follow {found.name}.")
    if request.POST.get("next") == "mine":
        return redirect("programs:my-follows")
    return redirect("programs:public-program", org=org, program=program)


@login_required
def my_following(request):
    return render(request, "programs/my_follows.html", {"follows": my_follows(user=request.user)})
