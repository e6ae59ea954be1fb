from django.contrib import admin

from .models import DigitalVisit, OpenDay, Question, SignUp


class SignUpInline(admin.TabularInline):
    model = SignUp
    extra = 0
    raw_id_fields = ["user", "organisation"]


@admin.register(OpenDay)
class OpenDayAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "kind", "starts_at", "capacity", "state", "is_demo"]
    list_filter = ["kind", "state", "is_demo"]
    search_fields = ["title", "project__title"]
    raw_id_fields = ["project", "created_by"]
    inlines = [SignUpInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(DigitalVisit)
class DigitalVisitAdmin(admin.ModelAdmin):
    list_display = ["project", "updated_at"]
    raw_id_fields = ["project", "updated_by"]
    inlines = [QuestionInline]
