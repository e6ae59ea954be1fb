from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "created_at", "attempts", "sent_at", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Message._meta.fields]
    actions = ["retry_now"]

    @admin.display(description=_("to"))
    def recipients(self, message):
        return ", ".join(message.to)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retry the selected unsent messages now"))
    def retry_now(self, request, queryset):
        count = queryset.filter(sent_at__isnull=True).update(attempts=0, next_attempt_at=timezone.now())
        self.message_user(request, _("%(count)d messages will be retried.") % {"count": count})
