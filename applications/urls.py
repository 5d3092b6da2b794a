"""Page URLs of the applications app: each slice (apply, review, decisions) declares its
pages under /me/ (`me_urlpatterns`) and /o/<org>/ (`org_urlpatterns`); this module mounts
them under one namespace, `applications`."""

from django.urls import include, path

from applications.apply import urls as apply_urls
from applications.decisions import urls as decisions_urls
from applications.ranking import urls as ranking_urls
from applications.review import urls as review_urls

app_name = "applications"

SLICES = (apply_urls, review_urls, decisions_urls, ranking_urls)

urlpatterns = [
    path("me/", include([p for slice_ in SLICES for p in slice_.me_urlpatterns])),
    path("o/<slug:org>/", include([p for slice_ in SLICES for p in slice_.org_urlpatterns])),
]
