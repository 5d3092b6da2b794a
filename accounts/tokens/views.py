from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.mfa import (
    TOKEN_NEEDS_SECOND_FACTOR_MESSAGE,
    second_factor_passed,
    token_creation_allowed,
)
from accounts.tokens import selectors as tokens_selectors
from accounts.tokens.forms import ApiTokenForm
from accounts.tokens.services import api_token_create, api_token_revoke
from core.forms import apply_errors


@login_required
def me_tokens(request):
    form = ApiTokenForm()
    new_secret = None
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid() and not token_creation_allowed(request):
            form.add_error(None, TOKEN_NEEDS_SECOND_FACTOR_MESSAGE)
        elif form.is_valid():
            try:
                _token, new_secret = api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    second_factor=second_factor_passed(request),
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
            "tokens": tokens_selectors.user_api_tokens(user=request.user),
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
