from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import selectors
from accounts.forms import AccountForm, ApiTokenForm
from accounts.models import User
from accounts.services.accounts import account_update
from accounts.services.tokens import api_token_create, api_token_revoke
from mentorship.forms import apply_errors


@login_required
def me_home(request):
    form = AccountForm(instance=request.user)
    if request.method == "POST":
        # The form validates against a copy, so the service sees the values before the change.
        form = AccountForm(request.POST, instance=User.objects.get(pk=request.user.pk))
        if form.is_valid():
            account_update(user=request.user, actor=request.user, **form.cleaned_data)
            messages.success(request, "Your account is saved.")
            return redirect("accounts:me")
    return render(
        request,
        "accounts/me.html",
        {"form": form, "memberships": selectors.user_memberships(user=request.user)},
    )


@login_required
def me_tokens(request):
    form = ApiTokenForm()
    new_secret = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, new_secret = api_token_create(
                    user=request.user, name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": selectors.user_api_tokens(user=request.user),
            "new_secret": new_secret,
        },
    )


@login_required
@require_POST
def me_token_revoke(request, token_key):
    try:
        api_token_revoke(user=request.user, token_key=token_key)
    except ValidationError:
        messages.error(request, "That token does not exist or was already revoked.")
    else:
        messages.success(request, "Token revoked. Programs using it can no longer sign in.")
    return redirect("accounts:tokens")
