from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendaysConfig(AppConfig):
    name = "opendays"
    verbose_name = _("open days")
