from django.contrib import admin

from .models import County, EmailDomain, FormerCode, Membership, MunicipalityChange, Organisation


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "sami_name", "kven_name", "population"]
    search_fields = ["number", "name", "sami_name", "kven_name"]


class EmailDomainInline(admin.TabularInline):
    model = EmailDomain
    extra = 0
    readonly_fields = ["created_by", "created_at", "verified_by", "verified_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "kind", "county", "population", "is_active"]
    list_filter = ["kind", "is_active", "county"]
    search_fields = ["number", "name", "sami_name", "kven_name", "official_label"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["county"]
    inlines = [EmailDomainInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at", "decided_at"]
    list_filter = ["status", "role", "organisation__kind"]
    search_fields = ["user__email", "user__full_name", "organisation__name", "organisation__number"]
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["decided_by", "decided_at", "created_at", "updated_at"]
    list_select_related = ["user", "organisation"]


@admin.register(EmailDomain)
class EmailDomainAdmin(admin.ModelAdmin):
    list_display = ["domain", "organisation", "status", "created_at", "verified_at"]
    list_filter = ["status"]
    search_fields = ["domain", "organisation__name"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_by", "created_at", "verified_by", "verified_at"]
    list_select_related = ["organisation"]


@admin.register(MunicipalityChange)
class MunicipalityChangeAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "old_number", "old_name", "new_number", "new_name", "change_type"]
    list_filter = ["change_type", "valid_from"]
    search_fields = ["old_number", "old_name", "new_number", "new_name"]


@admin.register(FormerCode)
class FormerCodeAdmin(admin.ModelAdmin):
    list_display = ["old_number", "old_name", "valid_from_year", "valid_to_year", "organisation", "unambiguous"]
    list_filter = ["unambiguous", "valid_from_year"]
    search_fields = ["old_number", "old_name", "organisation__name"]
    list_select_related = ["organisation"]
