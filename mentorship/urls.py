"""Pages of mentorship: the mentee's offers and mentorships (/me/), the organization's
mentorships, evaluations and tasks (/o/<org>/), certificate revocation (/staff/) and the
public verification of a letter of completion (/verify/<id>/)."""

from django.urls import include, path

from mentorship.announcements import views as announcements
from mentorship.assignments import views as assignments
from mentorship.calendars import urls as calendars_urls
from mentorship.certificates import views as certificates
from mentorship.evaluations import views as evaluations
from mentorship.graduates import urls as graduates_urls
from mentorship.mentorships import views as mentorships
from mentorship.offers import views as offers
from mentorship.runs import urls as runs_urls
from mentorship.stats import views as stats

app_name = "mentorship"

_me_mentorship = "mentorships/<uuid:mentorship>/"
me_urlpatterns = [
    path("mentorships/", mentorships.my_mentorships, name="me-mentorships"),
    path(_me_mentorship, mentorships.my_mentorship, name="me-mentorship"),
    path(_me_mentorship + "tasks/<uuid:task>/", assignments.my_task, name="me-mentorship-task"),
    path(
        _me_mentorship + "tasks/<uuid:task>/file/",
        assignments.my_task_file,
        name="me-mentorship-task-file",
    ),
    path(
        _me_mentorship + "feedback/<slug:kind>/",
        evaluations.my_feedback,
        name="me-mentorship-feedback",
    ),
    path(
        _me_mentorship + "certificate.pdf",
        certificates.my_certificate,
        name="me-mentorship-certificate",
    ),
    *graduates_urls.me_urlpatterns,
    *calendars_urls.me_urlpatterns,
    path("offers/", offers.my_offers, name="me-offers"),
    path("offers/<uuid:application>/", offers.my_offer, name="me-offer"),
    path("offers/<uuid:application>/decline/", offers.my_offer_decline, name="me-offer-decline"),
]
_org_mentorship = "mentorships/<uuid:mentorship>/"
org_urlpatterns = [
    path("mentorships/", mentorships.organization_mentorships, name="org-mentorships"),
    path(_org_mentorship, mentorships.organization_mentorship, name="org-mentorship"),
    path(
        _org_mentorship + "evaluations/<uuid:evaluation>/verdict/",
        evaluations.evaluation_verdict_page,
        name="org-evaluation-verdict",
    ),
    path(
        _org_mentorship + "evaluations/<uuid:evaluation>/correct/",
        evaluations.evaluation_correct_page,
        name="org-evaluation-correct",
    ),
    path(_org_mentorship + "tasks/new/", assignments.task_new, name="org-task-new"),
    path(_org_mentorship + "tasks/<uuid:task>/", assignments.task_detail, name="org-task"),
    path(_org_mentorship + "tasks/<uuid:task>/file/", assignments.task_file, name="org-task-file"),
    path(
        _org_mentorship + "certificate/revoke/",
        certificates.certificate_revoke_page,
        name="org-certificate-revoke",
    ),
    path(
        "terms/<int:term>/mentorships/",
        mentorships.term_mentorships,
        name="org-term-mentorships",
    ),
    path(
        "terms/<int:term>/mentorships.csv",
        mentorships.term_mentorships_export,
        name="org-term-mentorships-export",
    ),
    path("terms/<int:term>/tasks/new/", assignments.term_task_new, name="org-term-task-new"),
    *runs_urls.org_urlpatterns,
    path(
        "terms/<int:term>/announcements/",
        announcements.term_announcements_view,
        name="term-announcements",
    ),
]
staff_urlpatterns = [
    path(
        "certificates/<str:verification>/revoke/",
        certificates.staff_certificate_revoke,
        name="staff-certificate-revoke",
    ),
]
urlpatterns = [
    path("me/", include(me_urlpatterns)),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path(
        "staff/",
        include(staff_urlpatterns + runs_urls.staff_urlpatterns + graduates_urls.staff_urlpatterns),
    ),
    *graduates_urls.public_urlpatterns,
    *calendars_urls.public_urlpatterns,
    path("stats/", stats.stats, name="stats"),
    path("stats.csv", stats.stats_csv, name="stats-csv"),
    path("verify/<str:verification>/", certificates.verify, name="verify"),
]
