"""Django's admin, behind the same two-factor rule as the staff pages."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class MfaAdminSite(admin.AdminSite):
    site_header = "Open Mentorship administration"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapped(request, *args, **kwargs):
            # Imported here: this module loads with the app registry, before models exist.
            from accounts.mfa import mfa_setup_required, redirect_to_mfa_setup

            user = request.user
            if user.is_authenticated and user.is_staff and mfa_setup_required(user, staff=True):
                return redirect_to_mfa_setup(request)
            return inner(request, *args, **kwargs)

        return wrapped


class MentorshipAdminConfig(AdminConfig):
    default_site = "config.admin_site.MfaAdminSite"
