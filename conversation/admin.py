"""Read-only views of the conversation for the portal's administrators; changes go through the moderation pages
(`/moderering/`), which log what was done."""

from django.contrib import admin

from .models import Comment, CommentingBlock, CommentReport


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ["created_at", "project", "author", "organisation", "is_question", "hidden_at", "deleted_at"]
    list_filter = ["is_question"]
    search_fields = ["text", "author__email", "project__title"]
    list_select_related = ["project", "author", "organisation"]
    date_hierarchy = "created_at"


@admin.register(CommentReport)
class CommentReportAdmin(ReadOnly):
    list_display = ["created_at", "comment", "reporter", "reason", "resolved_at"]
    list_select_related = ["comment", "reporter"]


@admin.register(CommentingBlock)
class CommentingBlockAdmin(ReadOnly):
    list_display = ["created_at", "user", "reason", "blocked_by"]
    list_select_related = ["user", "blocked_by"]
