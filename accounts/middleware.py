"""The signed-in user of a request, read from the cache instead of the database.

Django's AuthenticationMiddleware reads the user's row on every request. `CachedAuthenticationMiddleware` keeps
the row's values in the cache for USER_CACHE_TIMEOUT seconds and checks the session against them as Django does
(active, and the session's hash of the password). The password hash itself is not cached: the entry holds the
session hash made from it, and the field is left deferred, read from the database by the few views that check a
password. Anything unusual (no entry, a hash that does not
verify, a backend no longer configured) takes Django's own path, which also flushes a stale session. Every save
or deletion of a user drops the entry (`forget_user`, connected in AccountsConfig.ready: the cache has to follow
every write, including the admin's and allauth's password changes, which no service of ours sees), so a changed
password ends the other sessions at once.
"""

from functools import partial

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, get_user_model, load_backend
from django.contrib.auth.middleware import AuthenticationMiddleware, auser
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from common.pagecache import page_cache as cache  # beside the pages, not among the rate-limit counters

USER_CACHE_TIMEOUT = 300
KEY = "auth-user:{}"


def _fields():
    return [field.attname for field in get_user_model()._meta.concrete_fields if field.attname != "password"]


def _from_cache(request):
    """The user whose row is cached and whose session verifies against it, or None (take Django's path)."""
    if not settings.PAGE_CACHE:
        return None
    try:
        user_id = get_user_model()._meta.pk.to_python(request.session[auth.SESSION_KEY])
        backend_path = request.session[BACKEND_SESSION_KEY]
    except (KeyError, ValueError):
        return None
    if backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    entry = cache.get(KEY.format(user_id))
    if entry is None:
        return None
    auth_hash, values = entry
    session_hash = request.session.get(HASH_SESSION_KEY)
    if not session_hash or not constant_time_compare(session_hash, auth_hash):
        return None
    user = get_user_model().from_db("default", _fields(), values)  # the password deferred
    if not load_backend(backend_path).user_can_authenticate(user):
        return None
    user.backend = backend_path
    return user


def get_user(request):
    if not hasattr(request, "_cached_user"):
        user = _from_cache(request)
        if user is None:
            user = auth.get_user(request)
            if user.is_authenticated and settings.PAGE_CACHE:
                entry = (user.get_session_auth_hash(), [getattr(user, name) for name in _fields()])
                cache.set(KEY.format(user.pk), entry, USER_CACHE_TIMEOUT)
        request._cached_user = user
    return request._cached_user


def forget_user(sender, instance, **kwargs):
    """post_save/post_delete of the user model: the cached row is stale (now, and once the change is committed)."""
    key = KEY.format(instance.pk)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    def process_request(self, request):
        super().process_request(request)  # its checks, and request.auser
        request.user = SimpleLazyObject(lambda: get_user(request))
        request.auser = partial(auser, request)
