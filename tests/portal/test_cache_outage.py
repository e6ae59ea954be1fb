"""The shared cache (rate limits, lockouts) is away: pages still answer, limits fail open and say so in the log.

Decision: fail open. Refusing every login and form while Redis is down would turn a cache outage into a
portal outage; the errors are logged so operators notice, and limits apply again once the cache is back.
"""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from municipalities.models import Membership
from portal.checks import check_cache_table, check_shared_cache

from ..factories import PASSWORD


def test_login_answers_while_the_cache_is_down(client, member, cache_down, caplog):
    wrong = client.post("/konto/logg-inn/", {"login": "member@example.org", "password": "feil-passord"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors
    right = client.post("/konto/logg-inn/", {"login": "member@example.org", "password": PASSWORD})
    assert right.status_code == 302
    assert right["Location"] == "/mine-sider/"
    assert "Cache unavailable" in caplog.text


def test_signup_and_password_reset_answer_while_the_cache_is_down(client, member, cache_down, mailoutbox):
    response = client.post(
        "/konto/opprett-konto/",
        {
            "full_name": "Nora",
            "email": "nora@example.org",
            "password1": "Fjordland-2026!",
            "password2": "Fjordland-2026!",
        },
    )
    assert response.status_code == 302
    assert client.post("/konto/passord/tilbakestill/", {"email": "member@example.org"}).status_code == 302
    assert len(mailoutbox) == 2


def test_rate_limited_posts_go_through_while_the_cache_is_down(client, outsider, organisation, cache_down):
    client.force_login(outsider)
    response = client.post(organisation.join_url, {"message": ""})
    assert response.status_code == 302
    assert Membership.objects.filter(user=outsider, organisation=organisation).exists()


LOCAL = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
SHARED = {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_cache"}


@pytest.mark.parametrize(
    ("caches", "problem"),
    [({"default": LOCAL, "pages": SHARED}, "portal.E001"), ({"default": SHARED, "pages": LOCAL}, "portal.E003")],
)
def test_check_deploy_refuses_a_cache_local_to_each_worker(db, settings, caches, problem):
    settings.DEBUG = False
    settings.CACHES = caches
    assert [problem.id for problem in check_shared_cache(None)] == [problem]
    with pytest.raises(SystemCheckError, match=problem):
        call_command("check", deploy=True, fail_level="ERROR")


@pytest.mark.parametrize(
    "cache",
    [
        {"BACKEND": "portal.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"},
        {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_cache"},
    ],
)
def test_shared_caches_pass_the_check(settings, cache):
    settings.DEBUG = False
    settings.CACHES = {"default": cache, "pages": {**cache, "KEY_PREFIX": "pages"}}
    assert check_shared_cache(None) == []


def test_missing_cache_tables_are_reported_until_createcachetable_runs(db, settings):
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_cache_check"},
        "pages": {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_page_cache_check"},
    }
    problems = check_cache_table(None, databases=["default"])
    assert [problem.id for problem in problems] == ["portal.W002", "portal.W002"]
    assert "spre_page_cache_check" in problems[1].msg
    call_command("createcachetable")  # one table for each database cache
    assert check_cache_table(None, databases=["default"]) == []


def test_database_cache_fails_open_when_its_table_is_missing(db, settings, client, outsider, organisation):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        "default": {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_cache_missing"},
        "pages": {"BACKEND": "portal.cache.DatabaseCache", "LOCATION": "spre_page_cache_missing"},
    }
    assert Client().get("/kommuner/").status_code == 200
    client.force_login(outsider)
    assert client.post(organisation.join_url, {"message": ""}).status_code == 302


def test_cached_pages_are_rendered_afresh_while_the_cache_is_down(db, settings, organisation, cache_down, caplog):
    settings.PAGE_CACHE = True
    for _visit in range(2):
        response = Client().get(organisation.get_absolute_url())
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert "Cache unavailable" in caplog.text


def test_an_unreachable_cache_reads_as_empty(cache_down):
    from django.core.cache import cache

    assert cache.get("attempts", "none") == "none"
    assert cache.add("lock", True) is True
    cache.set("attempts", 3)
    with pytest.raises(ValueError):
        cache.incr("attempts")
