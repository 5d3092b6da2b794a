from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.invitations.models import Invitation, JoinRequest, OrganizationRequest
from accounts.organizations.models import Membership, Organization
from accounts.people.models import MenteeProfile, MentorProfile, User
from core.tenancy import CrossTenantAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_staff", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "timezone")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name", "slug"]


@admin.register(Membership)
class MembershipAdmin(CrossTenantAdmin, admin.ModelAdmin):
    """Django admin is a superuser's tool and sees every tenant on purpose."""

    list_display = ["user", "organization", "role"]
    list_filter = ["role"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organization")


# Profiles. The date of birth and demographic answers are not shown here:
# only the person sees their date of birth, and demographics are only ever counted.


@admin.register(MenteeProfile)
class MenteeProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "legal_name", "country", "updated_at"]
    search_fields = ["user__email", "legal_name"]
    exclude = ["date_of_birth"]
    readonly_fields = ["user", "public_id", "adult_attested_at", "resume"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "updated_at"]
    search_fields = ["user__email"]
    readonly_fields = ["user"]


# Invitations, join requests and organization requests: read in the admin, changed through
# the pages and the API (their services send the emails and record the audit).


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(CrossTenantAdmin, _ReadOnlyAdmin):
    list_display = ["email", "organization", "role", "status", "sent_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email"]
    exclude = ["token_hash"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")


@admin.register(JoinRequest)
class JoinRequestAdmin(CrossTenantAdmin, _ReadOnlyAdmin):
    list_display = ["user", "organization", "status", "created_at"]
    list_filter = ["status"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "organization")


@admin.register(OrganizationRequest)
class OrganizationRequestAdmin(_ReadOnlyAdmin):
    list_display = ["name", "requested_by", "status", "created_at"]
    list_filter = ["status"]
