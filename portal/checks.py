"""System checks for production: `manage.py check --deploy` (and `--database default`) report them."""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections, router


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Rate limits and login lockouts count in `default`, the page cache's generation lives in `pages`: a cache
    local to each process counts per worker, and a change seen by one worker leaves the others' pages stale."""
    if settings.DEBUG:
        return []
    problems = []
    if isinstance(caches["default"], LocMemCache | DummyCache):
        problems.append(
            Error(
                "The default cache is local to each process, so rate limits and login lockouts are counted per "
                "worker (with 3 workers, 3 times as many attempts get through).",
                hint="Set REDIS_URL, or leave it unset in production to use the database cache "
                "(run `manage.py createcachetable`).",
                id="portal.E001",
            )
        )
    if "pages" in settings.CACHES and isinstance(caches["pages"], LocMemCache):
        problems.append(
            Error(
                "The page cache is local to each process, so a change invalidates the cached pages of one worker "
                "only; the others serve stale pages until PAGE_CACHE_TIMEOUT.",
                hint="Set REDIS_URL or PAGE_CACHE_REDIS_URL, or leave both unset in production to use the "
                "database cache (run `manage.py createcachetable`).",
                id="portal.E003",
            )
        )
    return problems


@register(Tags.database)
def check_cache_table(app_configs, databases=None, **kwargs):
    """The database cache needs its table (`manage.py createcachetable`)."""
    problems = []
    for alias in settings.CACHES:
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache):
            continue
        using = router.db_for_read(cache.cache_model_class)
        if databases is None or using not in databases:
            continue
        try:
            with connections[using].cursor() as cursor:
                tables = connections[using].introspection.table_names(cursor)
        except DatabaseError:
            continue  # the database checks report an unreachable database
        if cache._table not in tables:
            problems.append(
                Warning(
                    f"The cache table {cache._table!r} does not exist: "
                    + ("pages are not cached." if alias == "pages" else "rate limits are not enforced."),
                    hint="Run `manage.py createcachetable`.",
                    id="portal.W002",
                )
            )
    return problems
