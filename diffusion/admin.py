from django.contrib import admin

from .models import Adoption, AdoptionBenefit, AdoptionEvent


class AdoptionEventInline(admin.TabularInline):
    model = AdoptionEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "status", "kind", "confirmation", "date", "note", "by", "on_behalf_of"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AdoptionBenefitInline(admin.TabularInline):
    model = AdoptionBenefit
    extra = 0


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    """Read and correct adoptions; the history stays as it was written (changes here are not events)."""

    list_display = ["source", "organisation", "kind", "status", "confirmation", "started_on", "is_counted", "is_demo"]
    list_filter = ["status", "confirmation", "kind", "channel", "is_demo"]
    search_fields = ["source__title", "organisation__name"]
    raw_id_fields = ["source", "organisation", "own_project", "created_by", "confirmed_by"]
    readonly_fields = ["is_counted", "created_at", "updated_at"]
    inlines = [AdoptionBenefitInline, AdoptionEventInline]

    def save_model(self, request, obj, form, change):
        obj.is_counted = obj.counts()  # the one rule, as the services apply it
        super().save_model(request, obj, form, change)
