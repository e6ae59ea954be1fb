"""The cast of users (anonymous, outsider, pending member, member, editor, editor of a co-owner organisation,
organisation admin, curator) and the organisations they belong to. Most tests need only these; the real
registry is opt-in."""

import importlib
from collections.abc import Callable, Iterator, Sequence

import pytest
from django.apps import apps
from django.core import mail
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_migrate

from municipalities.models import Membership
from municipalities.registry import load_registry
from outbox.delivery import send_queued

from .factories import make_county, make_membership, make_organisation, make_user
from .faults import cache_down, database_hangs, mail_server_down  # noqa: F401  (the fault harness)


def pytest_configure(config):
    # WhiteNoise warns that STATIC_ROOT is missing when collectstatic has not run; tests never need it.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


def _seed_vocabularies(sender, **kwargs):
    """A transactional test (the browser tests, some outbox tests) ends with a flush of every table, which
    also empties the vocabularies (service areas, methods, ...) that a data migration seeded. The flush
    sends post_migrate, so they are put back here, and every later test finds the database as migrated,
    in whatever order the tests run (xdist's loadfile runs a module's tests together)."""
    importlib.import_module("projects.migrations.0002_seed_terms").seed(kwargs.get("apps", apps), None)
    importlib.import_module("projects.migrations.0009_term_name_en").name_in_english(kwargs.get("apps", apps), None)


post_migrate.connect(_seed_vocabularies, sender=apps.get_app_config("projects"), dispatch_uid="tests.seed_vocabularies")


CAST = [
    "anonymous",
    "outsider",
    "pending_member",
    "member",
    "editor",
    "co_owner_editor",
    "org_admin",
    "curator",
]


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


def clear_caches() -> None:
    """Empty every cache: `default` (rate limits, lockouts) and `pages` (pages, fragments, headline numbers)."""
    for cache in caches.all(initialized_only=False):
        cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages live in the caches; every test starts with none used."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Mail takes the production path: queued in the outbox table, then delivered (to Django's locmem
    outbox instead of SMTP) by the same code as the `send_queued_mail` worker."""
    settings.EMAIL_BACKEND = "outbox.backends.QueuedEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.OUTBOX_SEND_ON_COMMIT = True  # live-server tests commit: their mail is delivered at once


class DeliveredMail(Sequence):
    """The mail recipients have got: reading it first runs the outbox worker once (as cron would)."""

    def _messages(self):
        send_queued()
        return mail.outbox

    def __getitem__(self, index):
        return self._messages()[index]

    def __iter__(self):
        return iter(list(self._messages()))

    def __len__(self):
        return len(self._messages())

    def __eq__(self, other):
        return list(self) == other

    def __repr__(self):
        return repr(self._messages())


@pytest.fixture
def mailoutbox(db, mailoutbox):
    """pytest-django's outbox, taken after the database (Django's test-case setup replaces mail.outbox,
    so a test asking for `mailoutbox` before `db` would otherwise look at a stale, always-empty list),
    and read through the outbox worker: queued mail counts once the worker would have sent it."""
    return DeliveredMail()


@pytest.fixture
def county(db):
    return make_county(name="Testfylke")


@pytest.fixture
def organisation(county):
    return make_organisation(name="Bærum", county=county)


@pytest.fixture
def other_organisation(county):
    return make_organisation(name="Asker", county=county)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def outsider(db):
    return make_user(email="outsider@example.org", full_name="Olga Outsider")


def _member_of(organisation, *, email, role=Membership.Role.MEMBER, status=Membership.Status.APPROVED):
    user = make_user(email=email, full_name=email.split("@")[0].title())
    make_membership(user=user, organisation=organisation, role=role, status=status)
    return user


@pytest.fixture
def pending_member(organisation):
    return _member_of(organisation, email="pending@example.org", status=Membership.Status.PENDING)


@pytest.fixture
def member(organisation):
    return _member_of(organisation, email="member@example.org")


@pytest.fixture
def editor(organisation):
    return _member_of(organisation, email="editor@example.org", role=Membership.Role.EDITOR)


@pytest.fixture
def org_admin(organisation):
    return _member_of(organisation, email="admin@example.org", role=Membership.Role.ADMIN)


@pytest.fixture
def co_owner_organisation(county):
    """Another municipality that owns the test projects together with `organisation`."""
    return make_organisation(name="Lillevik", county=county)


@pytest.fixture
def co_owner_editor(co_owner_organisation):
    """An editor of the co-owner organisation, not a member of `organisation`."""
    return _member_of(co_owner_organisation, email="co-editor@example.org", role=Membership.Role.EDITOR)


@pytest.fixture
def curator(db):
    return make_user(email="curator@example.org", full_name="Kari Kurator", curator=True)


@pytest.fixture
def admin_user(db):
    """pytest-django's superuser, with the verified address the admin site requires."""
    return make_user(email="superuser@example.org", full_name="Sara Superbruker", is_staff=True, is_superuser=True)


@pytest.fixture
def cast_user(request):
    """cast_user("editor") → that fixture's user (None for anonymous)."""
    return request.getfixturevalue


@pytest.fixture
def login(client):
    """login(user) logs the test client in (does nothing for None, the anonymous visitor)."""

    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


@pytest.fixture
def registry(db):
    """The real registry (357 municipalities). Loading takes a fraction of a second, so it is per test."""
    return load_registry()


def kept_for_scope(django_db_blocker, build: Callable[[], object]) -> Iterator:
    """For a module- or package-scoped fixture: `build()` data once, share it with every test of the scope.

    The data lives in a transaction that each test's own (pytest-django) transaction nests in as a savepoint,
    so whatever a test changes is rolled back after it, and all of it is rolled back at the end of the scope.
    Works on SQLite and PostgreSQL; not for tests with a live server (they need committed data).

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            yield from kept_for_scope(django_db_blocker, build_world)
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            data = build()
        except BaseException as error:
            atomic.__exit__(type(error), error, error.__traceback__)  # rolls back
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what waits for the commit (the activity consumers, mail), as the commit would: the
    test's own transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def run_consumers(committed):
    """`run_consumers(action)`: `action()`, then what waits for the commit, as in production."""

    def _run(action):
        with committed():
            return action()

    return _run
