"""The fault harness: fixtures that break what the portal depends on, the way production breaks.

Use them for every feature that sends mail, writes to the database or is rate limited (comments,
adoptions, notifications …), and assert that the visitor gets a normal page or the portal's own error
page, never a 500, and that nothing is lost. They are imported by tests/conftest.py, so any test can
ask for them by name.

`mail_server_down`
    The SMTP server refuses connections (``smtplib.SMTP`` raises ``ConnectionRefusedError``) while
    the portal's mail takes its production path: queued in the outbox, sent by the worker over SMTP.
    Requests must succeed and the mail must stay queued; ``mail_server_down.recover()`` brings the
    server back (delivery goes to the locmem ``mailoutbox``), after which ``send_queued()`` (or
    ``call_command("send_queued_mail")``) delivers it. ``mail_server_down.attempts`` counts the
    connection attempts::

        def test_signup_survives_a_mail_outage(client, mail_server_down, mailoutbox):
            response = client.post("/konto/opprett-konto/", {...})
            assert response.status_code == 302
            mail_server_down.recover()
            assert len(mailoutbox) == 1   # reading mailoutbox runs the worker

`database_hangs`
    A context manager: inside it, every SQL statement first waits on the database. On PostgreSQL the
    wait is a real ``pg_sleep`` on the server, so only the portal's statement timeouts end it (the
    portal's own timeouts, or ``database_hangs(timeout=1)`` to cap every statement at one second, for
    testing pages without waiting for the production timeout); ``SET`` and savepoint statements pass
    through, so a view can still set its own timeout. On SQLite, which cannot hang like a server, each statement
    raises ``OperationalError`` at once, as a timeout would. Requests must answer quickly, with a 503
    from /healthz and the portal's own error page elsewhere::

        def test_home_page_when_the_database_hangs(client, database_hangs):
            with database_hangs(timeout=1):
                response = client.get("/")
            assert response.status_code == 503

`cache_down`
    The shared cache (Redis) is unreachable: both caches (`default`, the rate limits; `pages`, the page
    cache) are the production Redis backend pointed at a closed port. Rate-limited views and cached pages
    must still answer (the portal fails open: limits are not enforced and pages are rendered afresh while
    the cache is away, and each cache error is logged).
"""

import smtplib
import time
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection


class MailServerDown:
    def __init__(self, settings):
        self.settings = settings
        self.monkeypatch = pytest.MonkeyPatch()
        self.attempts = 0

    def _refuse(self, *args, **kwargs):
        self.attempts += 1
        raise ConnectionRefusedError(111, "Connection refused (mail server down, test fault)")

    def break_(self):
        self.settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        self.settings.OUTBOX_SEND_ON_COMMIT = False  # as in production: only the worker sends
        self.monkeypatch.setattr(smtplib, "SMTP", self._refuse)
        self.monkeypatch.setattr(smtplib, "SMTP_SSL", self._refuse)

    def recover(self):
        """The mail server is back: delivery goes to Django's locmem outbox (the `mailoutbox` fixture)."""
        self.monkeypatch.undo()
        self.settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def mail_server_down(settings):
    fault = MailServerDown(settings)
    fault.break_()
    yield fault
    fault.monkeypatch.undo()


# Session and transaction control still runs (a view's own SET LOCAL timeout, the test's savepoints).
PASS_THROUGH = ("SET ", "RESET ", "SAVEPOINT ", "RELEASE SAVEPOINT ", "ROLLBACK TO SAVEPOINT ")


@pytest.fixture
def database_hangs():
    @contextmanager
    def hang(*, seconds: float = 30, timeout: float | None = None):
        def wrapper(execute, sql, params, many, context):
            if sql.lstrip().upper().startswith(PASS_THROUGH):
                return execute(sql, params, many, context)
            db = context["connection"]
            if db.vendor != "postgresql":
                raise OperationalError("database did not answer in time (test fault)")
            with db.wrap_database_errors:
                cursor = context["cursor"].cursor  # the driver's cursor, outside Django's wrappers
                if timeout is not None:
                    cursor.execute(f"SET statement_timeout = {int(timeout * 1000)}")
                cursor.execute("SELECT pg_sleep(%s)", [seconds])
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            try:
                yield
            finally:
                if timeout is not None and connection.vendor == "postgresql" and not connection.in_atomic_block:
                    with connection.cursor() as cursor:
                        cursor.execute("RESET statement_timeout")

    return hang


@pytest.fixture
def cache_down(settings):
    unreachable = {
        "BACKEND": "portal.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # discard port: nothing listens, connections are refused
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    settings.CACHES = {"default": unreachable, "pages": {**unreachable, "KEY_PREFIX": "pages"}}


@contextmanager
def within(seconds: float):
    """Assert that the block finishes within `seconds` (a hang must be cut short, not waited out)."""
    start = time.monotonic()
    yield
    elapsed = time.monotonic() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s, more than {seconds} s"
