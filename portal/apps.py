from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default = True


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site (login through allauth, verified staff only)."""

    default = False
    default_site = "portal.admin.PortalAdminSite"
