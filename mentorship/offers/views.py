from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.tenancy import owned_object
from applications.decisions.forms import (
    OfferConfirmForm,
    OfferDeclineForm,
)
from applications.decisions.models import OfferState
from core.forms import apply_errors
from mentorship.offers import selectors as offers_selectors
from mentorship.offers.services import agreement_for, offer_confirm, offer_decline


@login_required
def my_offers(request):
    """Every offer the person may see (from its cycle's results announcement), newest first."""
    return render(
        request,
        "applications/decisions/my_offers.html",
        {"offers": offers_selectors.mentee_offers(user=request.user)},
    )


@login_required
def my_offer(request, application):
    with owned_object(request, offers_selectors.mentee_offer_get, application) as offer:
        form = OfferConfirmForm()
        if request.method == "POST":
            form = OfferConfirmForm(request.POST)
            if form.is_valid():
                try:
                    mentorship = offer_confirm(
                        offer=offer,
                        mentee=request.user,
                        ip=request.META.get("REMOTE_ADDR"),
                        **form.cleaned_data,
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, "Confirmed. Welcome to your mentorship!")
                    return redirect("mentorship:me-mentorship", mentorship=mentorship.public_id)
        return render(
            request,
            "applications/decisions/my_offer.html",
            {
                "offer": offer,
                "application": offer.application,
                "agreement": offer.agreement_text or agreement_for(offer),
                "form": form,
                "decline_form": OfferDeclineForm(),
                "mentorship": getattr(offer.application, "mentorship", None)
                if offer.state == OfferState.CONFIRMED
                else None,
            },
        )


@login_required
@require_POST
def my_offer_decline(request, application):
    with owned_object(request, offers_selectors.mentee_offer_get, application) as offer:
        form = OfferDeclineForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            offer_decline(offer=offer, mentee=request.user, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "You declined the offer. Thank you for telling the program.")
        return redirect("mentorship:me-offer", application=offer.application.public_id)
