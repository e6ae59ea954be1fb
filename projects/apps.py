from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("projects")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_migrate, post_save

        from municipalities.signals import registry_loaded

        from .facets import on_admin_change

        # A change made in the Django admin bypasses the services: its log entry refreshes the list's counts.
        post_save.connect(on_admin_change, sender=LogEntry, dispatch_uid="projects.facets.admin_change")
        registry_loaded.connect(rebuild_when_kept, dispatch_uid="projects.facets.registry_loaded")
        post_migrate.connect(build_when_missing, sender=self, dispatch_uid="projects.facets.build_when_missing")


def build_when_missing(sender, using="default", **kwargs):
    """After `migrate`: a large catalogue without a tally (the table is new) gets one, once."""
    from django.conf import settings

    from .facets import rebuild
    from .models import FacetCount, Project

    if FacetCount.objects.using(using).exists():
        return
    if Project.objects.using(using).listed().count() >= settings.FACET_TABLE_FROM:
        rebuild()


def rebuild_when_kept(sender, **kwargs):
    """After a registry load: populations and counties decide the size and county options."""
    from .facets import rebuild
    from .models import FacetCount

    if FacetCount.objects.exists():
        rebuild()
