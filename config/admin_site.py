"""Django's admin, behind the site's own sign-in and the same two-factor rule as the staff
pages. Its login form is closed: it would check only a password, with none of the sign-in
rate limits and no second factor. /django-admin/login/ sends people to the site's sign-in."""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.shortcuts import redirect
from django.urls import reverse


class MfaAdminSite(admin.AdminSite):
    site_header = "Open Mentorship administration"

    def login(self, request, extra_context=None):
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapped(request, *args, **kwargs):
            # Imported here: this module loads with the app registry, before models exist.
            from accounts.mfa import second_factor_page_response

            user = request.user
            if user.is_authenticated and user.is_staff:
                refusal = second_factor_page_response(request, staff=True)
                if refusal is not None:
                    return refusal
            return inner(request, *args, **kwargs)

        return wrapped


class MentorshipAdminConfig(AdminConfig):
    default_site = "config.admin_site.MfaAdminSite"
