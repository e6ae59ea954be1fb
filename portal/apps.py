from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default = True

    def ready(self):
        from . import checks  # noqa: F401  (system checks for check --deploy)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site (login through allauth, verified staff only)."""

    default = False
    default_site = "portal.admin.PortalAdminSite"

    def ready(self):
        super().ready()
        from django.contrib.admin.models import LogEntry
        from django.db.models.signals import post_save

        from .admin import admin_changed

        # Every add, change and delete in the admin writes a LogEntry: the cached public pages go stale.
        post_save.connect(admin_changed, sender=LogEntry, dispatch_uid="portal.admin_changed")
