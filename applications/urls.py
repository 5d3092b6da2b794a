"""Page URLs of the applications app, one module per area so each stays small:
urls_mentee (applying), urls_review (the reviewers' dashboard), urls_decisions (decisions,
offers, mentorships)."""

from django.urls import include, path

from applications.apply import urls as urls_mentee
from applications.decisions import urls as urls_decisions
from applications.review import urls as urls_review

app_name = "applications"

urlpatterns = [
    path(
        "me/",
        include(
            urls_mentee.me_urlpatterns + urls_review.me_urlpatterns + urls_decisions.me_urlpatterns
        ),
    ),
    path(
        "o/<slug:org>/",
        include(
            urls_mentee.org_urlpatterns
            + urls_review.org_urlpatterns
            + urls_decisions.org_urlpatterns
        ),
    ),
]
