from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from calmdesk.people.models import ApiToken, AuthorityLimit, Organisation, Team, User


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    readonly_fields = ["last_case_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamInline]


class AuthorityLimitInline(admin.TabularInline):
    model = AuthorityLimit
    extra = 0


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "team", "role"]
    list_filter = ["organisation", "role", "team", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Role and authority", {"fields": ("organisation", "team", "role")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Role and authority", {"fields": ("organisation", "team", "role")}),
    )
    inlines = [AuthorityLimitInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "token_hash", "created_at", "last_used_at"]
