"""`manage.py check --deploy` with the environment production uses."""

import json
import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings


def production_env(**overrides) -> dict:
    """The environment production runs with (no REDIS_URL unless given)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "REDIS_URL",
            "PAGE_CACHE_REDIS_URL",
        }
    }
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(60)),
        ALLOWED_HOSTS="spre.no",
        DEBUG="0",  # explicit, so a developer's .env (DEBUG=1) does not apply
        TESTING="0",
        HTTPS="1",
    )
    env.update(overrides)
    return env


@pytest.mark.parametrize("cache", ["redis", "database"])
def test_check_deploy_passes_with_production_settings(cache):
    env = production_env(REDIS_URL="redis://127.0.0.1:6379/0") if cache == "redis" else production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def production_setting(expression: str, **overrides):
    """Evaluate `expression` (e.g. "CACHES") in the production settings, in a fresh process."""
    return production_value(f"settings.{expression}", **overrides)


def production_value(expression: str, **overrides):
    """Evaluate `expression` after django.setup() with the production settings (`settings` and `engines` at hand),
    in a fresh process."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "from django.template import engines; "
        f"print(json.dumps({expression}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_env(DJANGO_SETTINGS_MODULE="portal.settings", **overrides),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_redis_shares_rate_limits_through_the_database_cache():
    caches = production_setting("CACHES")
    assert (caches["default"]["BACKEND"], caches["default"]["LOCATION"]) == ("portal.cache.DatabaseCache", "spre_cache")
    # The page cache has a table of its own, culled on its own (createcachetable makes both).
    assert (caches["pages"]["BACKEND"], caches["pages"]["LOCATION"]) == (
        "portal.cache.DatabaseCache",
        "spre_page_cache",
    )
    redis = production_setting("CACHES", REDIS_URL="redis://cache.internal:6379/0")["default"]
    assert (redis["BACKEND"], redis["LOCATION"]) == ("portal.cache.RedisCache", "redis://cache.internal:6379/0")


def test_production_pages_use_their_own_redis_or_another_prefix_in_the_same():
    same = production_setting("CACHES", REDIS_URL="redis://cache.internal:6379/0", PAGE_CACHE_REDIS_URL="")
    assert same["pages"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert same["pages"]["KEY_PREFIX"] != same["default"].get("KEY_PREFIX", "")
    own = production_setting(
        "CACHES", REDIS_URL="redis://cache.internal:6379/0", PAGE_CACHE_REDIS_URL="redis://pages.internal:6379/0"
    )
    assert own["pages"]["BACKEND"] == "portal.cache.RedisCache"  # fails open
    assert own["pages"]["LOCATION"] == "redis://pages.internal:6379/0"
    assert own["default"]["LOCATION"] == "redis://cache.internal:6379/0"


def test_settings_refuse_to_start_without_secret_key():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DEBUG="0", TESTING="0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_renders_with_the_cached_template_loader():
    """No `loaders` in settings.TEMPLATES: Django wraps the file system and app loaders in its cached loader, so
    templates are read and compiled once per worker."""
    assert production_setting("TEMPLATES[0]['OPTIONS'].get('loaders')") is None
    loaders = production_value("engines['django'].engine.loaders")
    assert loaders == [
        [
            "django.template.loaders.cached.Loader",
            ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
        ]
    ]
