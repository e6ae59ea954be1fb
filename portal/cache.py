"""Cache backends that fail open: when the cache is away, the portal keeps answering.

The `default` cache holds rate-limit and lockout counters (allauth, django-ratelimit), the `pages` cache the page
cache (common.pagecache). If Redis (or the cache table) cannot be reached, every cache error is logged and treated
as "nothing recorded yet": reads miss, writes are dropped and `add` reports success. Rate limits and lockouts are
then not enforced, and pages are rendered afresh, until the cache is back, which we prefer to refusing every login
and form with an error page; the logged errors tell the operators. See tests/portal/test_cache_outage.py.
"""

import logging
from contextlib import nullcontext

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger(__name__)


class CacheUnavailable(ValueError):
    """incr/decr on an unreachable cache: a ValueError, like a missing key, so callers count afresh."""


def _missing(*args):
    raise CacheUnavailable("cache unavailable")


class FailOpenMixin:
    errors: tuple[type[Exception], ...] = ()
    # What each operation answers when the cache cannot be reached.
    fallbacks = {
        "get": lambda key, default=None, version=None: default,
        "get_many": lambda *args: {},
        "has_key": lambda *args: False,
        "add": lambda *args: True,  # as if stored: allauth's lock is acquired, django-ratelimit counts a first hit
        "set": lambda *args: None,
        "set_many": lambda data, *args: list(data),
        "touch": lambda *args: False,
        "delete": lambda *args: False,
        "delete_many": lambda *args: None,
        "incr": _missing,
        "decr": _missing,
        "clear": lambda *args: None,
    }

    def _guard(self):
        return nullcontext()

    def _attempt(self, operation, *args):
        try:
            with self._guard():
                return getattr(super(), operation)(*args)
        except self.errors as error:
            message = "Cache unavailable (%s failed: %s); rate limits are not enforced, pages are not cached"
            logger.error(message, operation, error)
            return self.fallbacks[operation](*args)

    def get(self, key, default=None, version=None):
        return self._attempt("get", key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set", key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._attempt("delete", key, version)

    def delete_many(self, keys, version=None):
        return self._attempt("delete_many", keys, version)

    def incr(self, key, delta=1, version=None):
        return self._attempt("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._attempt("decr", key, delta, version)

    def clear(self):
        return self._attempt("clear")


class ReusingRedisCacheClient(DjangoRedisCacheClient):
    """One redis-py client per connection pool, instead of a new one for every operation: building it costs more
    than a GET from a local Redis, and a signed-in page asks the cache several times. The clients are thread-safe
    (each command takes a connection from the pool)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(FailOpenMixin, DjangoRedisCache):
    errors = (redis.RedisError, OSError)

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


class DatabaseCache(FailOpenMixin, DjangoDatabaseCache):
    errors = (DatabaseError,)

    def _guard(self):
        # Inside a transaction a failed cache query must not abort the caller's work: use a savepoint.
        using = router.db_for_write(self.cache_model_class)
        return transaction.atomic(using=using) if connections[using].in_atomic_block else nullcontext()
