from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from config import views
from core import health


def api_docs(view_class):
    """Swagger UI and Redoc (offline, from drf-spectacular-sidecar). Their scripts load from
    this site (the split Swagger view serves its starter script as a file, not inline); they
    inject their own styles and Redoc runs a worker, so only these pages allow inline styles
    and blob: workers in their Content-Security-Policy."""
    return csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
        view_class.as_view(url_name="schema")
    )


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # Browsers that ask for /favicon.ico without reading the page's <link rel="icon">.
    path("favicon.ico", views.favicon),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("programs.urls")),
    path("", include("applications.urls")),
    path("", include("mentorship.urls")),
    path("me/notifications/", include("core.notifications.urls")),
    path("", include("core.reminders.urls")),
    path("", include("payments.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs(SpectacularSwaggerSplitView), name="api-docs"),
    path("api/redoc/", api_docs(SpectacularRedocView), name="api-redoc"),
    path("django-admin/", admin.site.urls),
]

# Under /api/, a path no route matches answers JSON like every other API error.
handler404 = "core.api.not_found"
