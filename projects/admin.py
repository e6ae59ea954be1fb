from django.contrib import admin
from django.db import models

from . import search, services
from .models import (
    Actor,
    Benefit,
    Contact,
    Document,
    Presentation,
    Project,
    ProjectActor,
    ProjectImage,
    ProjectVersion,
    Tag,
    Term,
)

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class ReindexNameMixin:
    """A renamed term, tag or actor is found under its new name at once: the projects showing it are reindexed."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            search.reindex_related(obj)


@admin.register(Term)
class TermAdmin(ReindexNameMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "vocabulary", "order", "is_active"]
    list_filter = ["vocabulary", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(ReindexNameMixin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Actor)
class ActorAdmin(ReindexNameMixin, admin.ModelAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "actor_type", "organisation"]
    list_filter = ["actor_type"]
    search_fields = ["name"]
    autocomplete_fields = ["organisation"]


class ProjectActorInline(admin.TabularInline):
    model = ProjectActor
    extra = 0
    autocomplete_fields = ["actor"]


class BenefitInline(admin.TabularInline):
    model = Benefit
    extra = 0


class PresentationInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Presentation
    extra = 0


class DocumentInline(admin.TabularInline):
    formfield_overrides = HTTPS_URLS
    model = Document
    extra = 0
    readonly_fields = ["file", "original_name", "content_type", "size"]


class ProjectImageInline(admin.TabularInline):
    model = ProjectImage
    extra = 0
    readonly_fields = ["image", "display", "content_type"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    """For curators' corrections. Editors use the portal's own pages, which keep the version history."""

    formfield_overrides = HTTPS_URLS

    list_display = ["title", "owner", "state", "phase", "status", "is_demo", "updated_at"]
    list_filter = ["state", "phase", "status", "is_demo", "service_areas"]
    search_fields = ["title", "summary", "owner__name"]
    autocomplete_fields = ["owner", "co_owners", "source_project"]
    readonly_fields = ["version", "created_by", "created_at", "updated_at", "published_at", "archived_at"]
    filter_horizontal = ["service_areas", "innovation_types", "drivers", "methods", "tags"]
    inlines = [ProjectActorInline, BenefitInline, PresentationInline, DocumentInline, ProjectImageInline, ContactInline]
    list_select_related = ["owner"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.record_outside_change(project=form.instance, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # projects are archived, never deleted


@admin.register(ProjectVersion)
class ProjectVersionAdmin(admin.ModelAdmin):
    list_display = ["project", "number", "action", "created_by", "created_at"]
    list_filter = ["action"]
    search_fields = ["project__title"]
    readonly_fields = ["project", "number", "snapshot", "changed_fields", "action", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
