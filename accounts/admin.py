from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_scopes import scopes_disabled

from accounts.models import Membership, Organization, User


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
class MembershipAdmin(admin.ModelAdmin):
    """Django admin is a superuser's tool and sees every tenant on purpose."""

    list_display = ["user", "organization", "role"]
    list_filter = ["role"]

    def get_queryset(self, request):
        with scopes_disabled():
            return Membership.objects.all().select_related("user", "organization")
