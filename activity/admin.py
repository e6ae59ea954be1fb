from django.contrib import admin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "verb", "subject_repr", "organisation", "user"]
    list_filter = ["verb"]
    search_fields = ["subject_repr", "organisation__name", "user__email"]
    list_select_related = ["organisation", "user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
