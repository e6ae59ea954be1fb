from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from . import receivers  # noqa: F401  (allauth signals: the one place third-party events arrive)
        from .middleware import forget_user

        # Not business logic: the cached row of the signed-in user (accounts.middleware) must follow every write,
        # the admin's and allauth's included, as Django's own caches (sites, content types) do.
        post_save.connect(forget_user, sender=get_user_model(), dispatch_uid="accounts.forget_user")
        post_delete.connect(forget_user, sender=get_user_model(), dispatch_uid="accounts.forget_user_deleted")
