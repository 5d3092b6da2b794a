from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.tenancy import organization_view, owned_object
from applications.decisions import selectors
from applications.decisions.forms import (
    MentorshipEndForm,
)
from applications.decisions.models import OfferState
from core.forms import apply_errors
from mentorship.evaluations.models import FeedbackKind
from mentorship.evaluations.selectors import feedback_opens_at, mentorship_feedback
from mentorship.mentorships import selectors as mentorships_selectors
from mentorship.mentorships.export import mentorships_csv_response
from mentorship.mentorships.filters import MentorshipFilterSet
from mentorship.mentorships.home import mentorship_home
from mentorship.mentorships.services import mentorship_end
from mentorship.offers import selectors as offers_selectors
from programs.terms.models import Term


@organization_view("mentorship.view_mentorships")
def organization_mentorships(request):
    return render(
        request,
        "applications/decisions/org_mentorships.html",
        {
            "organization": request.organization,
            "mentorships": mentorships_selectors.organization_mentorships(
                user=request.user, organization=request.organization
            ),
            "can_list_terms": request.user.has_perm(
                "mentorship.view_every_mentorship", request.organization
            ),
        },
    )


@organization_view("mentorship.view_mentorships")
def organization_mentorship(request, mentorship):
    organization = request.organization
    mentorship = mentorships_selectors.mentorship_get(
        user=request.user, organization=organization, public_id=mentorship
    )
    can_end = request.user.has_perm("mentorship.end_mentorship", organization)
    can_see_history = request.user.has_perm("applications.view_application_history", organization)
    form = MentorshipEndForm()
    if request.method == "POST":
        if not can_end:
            raise PermissionDenied("Only admins end mentorships.")
        form = MentorshipEndForm(request.POST)
        if form.is_valid():
            try:
                mentorship_end(mentorship=mentorship, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, "The mentorship is ended; the mentee and mentors are told."
                )
                return redirect(
                    "mentorship:org-mentorship",
                    org=organization.slug,
                    mentorship=mentorship.public_id,
                )
    user = request.user
    return render(
        request,
        "mentorship/org_mentorship.html",
        {
            **mentorship_home(mentorship=mentorship),
            "organization": organization,
            "form": form,
            "can_end": can_end and mentorship.state == "active",
            "can_verdict": user.has_perm("mentorship.give_verdict", mentorship),
            "can_correct": user.has_perm("mentorship.correct_verdict", mentorship),
            "can_manage_tasks": user.has_perm("mentorship.manage_tasks", mentorship),
            "can_revoke": user.has_perm("mentorship.revoke_certificate", mentorship),
            # Its mentors get "Add to calendar" for the evaluations in their own feed.
            "calendar_links": any(m.user_id == user.pk for m in mentorship.mentors.all()),
            # A mentor of a graduated mentorship may endorse its mentee (graduates/).
            "is_its_mentor": mentorship.state == "graduated"
            and mentorship.mentors.filter(user=user).exists(),
            "feedback": mentorship_feedback(mentorship=mentorship)
            if user.has_perm("mentorship.view_mentee_feedback", mentorship)
            else None,
            "history": selectors.history_events(organization=organization, obj=mentorship)
            if can_see_history
            else None,
        },
    )


def _term_list(request, term):
    term = Term.objects.filter(organization=request.organization, pk=term).first()
    if term is None:
        raise Http404("No such term.")
    queryset = mentorships_selectors.term_mentorships(
        organization=request.organization, term_id=term.pk
    )
    return term, MentorshipFilterSet(request.GET or None, queryset=queryset)


def _shown(filterset):
    """The mentorships the list shows: all of them before any filter is asked (the form is
    unbound), the filtered ones when the filters are valid, none when they are not (the
    form then shows its errors)."""
    if not filterset.is_bound or filterset.is_valid():
        return filterset.qs
    return filterset.queryset.none()


@organization_view("mentorship.view_every_mentorship")
def term_mentorships(request, term):
    term, filterset = _term_list(request, term)
    return render(
        request,
        "mentorship/term_mentorships.html",
        {
            "organization": request.organization,
            "term": term,
            "filterset": filterset,
            "mentorships": _shown(filterset),
            "query": request.GET.urlencode(),
        },
    )


@organization_view("mentorship.view_every_mentorship")
def term_mentorships_export(request, term):
    term, filterset = _term_list(request, term)
    return mentorships_csv_response(_shown(filterset), term_id=term.pk)


@login_required
def my_mentorships(request):
    return render(
        request,
        "applications/decisions/my_mentorships.html",
        {
            "offers": [
                o
                for o in offers_selectors.mentee_offers(user=request.user)
                if o.state == OfferState.PENDING
            ],
            "mentorships": mentorships_selectors.person_mentorships(user=request.user),
        },
    )


@login_required
def my_mentorship(request, mentorship):
    with owned_object(request, mentorships_selectors.person_mentorship_get, mentorship) as found:
        is_mentee = found.mentee_id == request.user.pk
        home = mentorship_home(mentorship=found)
        given = {f.kind for f in mentorship_feedback(mentorship=found)} if is_mentee else set()
        return render(
            request,
            "mentorship/my_mentorship.html",
            {
                **home,
                "is_mentee": is_mentee,
                # Their own deadlines: the evaluations and tasks of their calendar feed.
                "calendar_links": True,
                "feedback_due": [
                    (kind, label, feedback_opens_at(found, kind))
                    for kind, label in FeedbackKind.choices
                    if kind not in given and found.state != "ended"
                ]
                if is_mentee
                else [],
                "now": home["now"],
                "feedback_given": sorted(given),
            },
        )
