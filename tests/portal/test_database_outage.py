"""A hanging or unreachable database is detected within seconds: /healthz says 503 and pages show the
portal's own "try again" page, long before gunicorn's worker timeout would cut the request off."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from ..faults import within


@pytest.fixture
def browser_client():
    """A client that, like a real server, answers with the error page instead of raising."""
    return Client(raise_request_exception=False)


def test_healthz_answers_503_within_seconds_when_the_database_hangs(db, client, database_hangs):
    with within(5), database_hangs():  # no timeout of the test's own: the portal's must end it
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


def test_healthz_answers_200_when_the_database_answers(db, client):
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("url", ["/", "/prosjekter/", "/kommuner/"])
def test_pages_show_the_portals_unavailable_page_when_the_database_hangs(db, browser_client, database_hangs, url):
    with within(5), database_hangs(timeout=1):
        response = browser_client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "Spre er utilgjengelig akkurat nå" in body
    assert 'href="/"' in body


def test_other_errors_still_get_the_ordinary_error_page(db, browser_client, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "render", lambda *args, **kwargs: 1 / 0)
    response = browser_client.get("/om/")
    assert response.status_code == 500
    assert "Noe gikk galt" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the timeouts are PostgreSQL connection options")
def test_postgresql_connections_have_a_statement_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "1min"  # TESTING's default; production's is 10 s (below)
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 5


def _database_settings(**environ):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | environ
    code = "from django.conf import settings; import json; print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings", "TESTING": "1"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_timeouts_are_configurable_and_keep_options_from_the_url():
    options = _database_settings(
        DATABASE_URL="postgres://spre@db.internal:5432/spre?options=-c%20search_path%3Dspre",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="4000",
    )
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c search_path=spre -c statement_timeout=4000"
    assert options["tcp_user_timeout"] == 15000


def test_production_cancels_statements_after_10_seconds():
    options = _database_settings(
        DATABASE_URL="postgres://spre@db.internal:5432/spre",
        TESTING="0",
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="spre.example",
    )
    assert options["options"] == "-c statement_timeout=10000"


def test_management_commands_run_without_a_statement_timeout():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_STATEMENT_TIMEOUT", "SECRET_KEY"}}
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=env | {"DATABASE_URL": "postgres://spre@db.internal:5432/spre", "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c statement_timeout=0"
