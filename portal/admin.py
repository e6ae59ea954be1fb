"""The Django admin site, with the portal's own login in front of it.

The admin's password form is never shown: /admin/login/ sends the visitor to the portal's (allauth's)
login with `next`, so its rate limits and lockout protect the admin too. Only active staff whose email
address is verified may use the admin.

A change made in the admin shows on the cached public pages at once: every add, change and delete writes a
`LogEntry`, and saving one moves the site's cache generation on after the commit (`admin_changed`, connected in
`PortalAdminConfig.ready`). The bulk «delete selected» action writes its entries with `bulk_create`, which sends
no signal, so the site's version of that action calls `site_changed()` itself.
"""

from functools import wraps

from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin import actions
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from common.pagecache import site_changed


def has_verified_email(user) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def admin_changed(sender, instance, created, **kwargs):
    """post_save of the admin's LogEntry: the public pages are stale once the change is committed."""
    if created:
        transaction.on_commit(site_changed, using=kwargs.get("using"))


@wraps(actions.delete_selected)
def delete_selected(modeladmin, request, queryset):
    """Django's «delete selected», then a new cache generation (its log entries send no signal when several)."""
    response = actions.delete_selected(modeladmin, request, queryset)
    if response is None:  # deleted (otherwise the confirmation page)
        transaction.on_commit(site_changed)
    return response


class PortalAdminSite(admin.AdminSite):
    site_header = _("Spre administration")
    site_title = _("Spre administration")
    index_title = _("Administration")

    def __init__(self, name="admin"):
        super().__init__(name)
        self._actions["delete_selected"] = delete_selected
        self._global_actions = self._actions.copy()

    def has_permission(self, request):
        return super().has_permission(request) and has_verified_email(request.user)

    def login(self, request, extra_context=None):
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url, reverse("account_login"))
        if self.has_permission(request):
            return redirect(next_url)
        if request.user.is_active and request.user.is_staff:
            return render(request, "portal/admin_unverified.html", status=403)
        raise PermissionDenied
