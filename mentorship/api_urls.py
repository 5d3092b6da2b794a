"""API of mentorship: /api/v1/me/{offers,mentorships,tasks,feedback,certificates}/ and
/api/v1/orgs/<org>/{mentorships,evaluations,feedback,tasks,certificates}/ (mounted by
config/api_urls.py)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from mentorship.announcements import api as announcements_api
from mentorship.assignments import api as assignments_api
from mentorship.calendars import urls as calendars_urls
from mentorship.certificates import api as certificates_api
from mentorship.evaluations import api as evaluations_api
from mentorship.graduates import api_urls as graduates_api_urls
from mentorship.mentorships import api as mentorships_api
from mentorship.offers import api as offers_api
from mentorship.runs import api_urls as runs_api_urls

_me = SimpleRouter()
_me.register("offers", offers_api.MyOffersViewSet, basename="my-offers")
_me.register("mentorships", mentorships_api.MyMentorshipsViewSet, basename="my-mentorships")
_me.register("tasks", assignments_api.MyTasksViewSet, basename="my-tasks")
_me.register("feedback", evaluations_api.MyFeedbackViewSet, basename="my-feedback")
_me.register("certificates", certificates_api.MyCertificatesViewSet, basename="my-certificates")

_org = SimpleRouter()
_org.register("mentorships", mentorships_api.OrganizationMentorshipsViewSet, basename="mentorships")
_org.register("evaluations", evaluations_api.OrganizationEvaluationsViewSet, basename="evaluations")
_org.register("feedback", evaluations_api.OrganizationFeedbackViewSet, basename="feedback")
_org.register("tasks", assignments_api.OrganizationTasksViewSet, basename="tasks")
_org.register(
    "certificates", certificates_api.OrganizationCertificatesViewSet, basename="certificates"
)

me_urlpatterns = _me.urls + calendars_urls.api_me_urlpatterns
org_urlpatterns = [
    *_org.urls,
    *runs_api_urls.org_urlpatterns,
    path(
        "terms/<int:term>/announcements/",
        announcements_api.TermAnnouncementsView.as_view(),
        name="term-announcements",
    ),
]
staff_urlpatterns = runs_api_urls.staff_urlpatterns + graduates_api_urls.staff_urlpatterns
