"""With the real registry and the full demo content: every kind of page passes axe for each role, and the
richest case prints as a clean handout.

The other browser tests use small hand-made data; these catch what only real content shows (long tables,
many actors, long names) on every page a person can reach.

The demo is loaded once for the module and committed (the live server's thread must see it), instead of
once per test: these tests only read it. The module therefore replaces the per-test database setup of
tests/browser/conftest.py and pytest-django's live-server helper (both would give every test a freshly
flushed, transactional database) and empties the database itself when the module is done.
"""

import re

import pytest
from django.core.management import call_command
from django.db import connections

from curation.models import Collection
from projects.models import Project

from ..conftest import clear_caches
from ..demo_data import DEMO_PASSWORD, load_demo
from .helpers import log_in, visit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(generated=30)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)  # as a transactional test leaves it
        connections.close_all()


@pytest.fixture(autouse=True)
def _browser_test_setup(demo, django_db_blocker):
    """Replaces the package's fixture of the same name: the module's committed demo, fresh rate limits."""
    clear_caches()
    with django_db_blocker.unblock():
        assert Project.objects.filter(is_demo=True).exists(), "the demo was flushed after an earlier test"
        yield
        # As after a transactional test: no connection is left open (PostgreSQL cannot drop the test
        # database at the end of the run while one is).
        connections.close_all()
    clear_caches()


@pytest.fixture(autouse=True)
def _live_server_helper(live_server, settings):
    """Replaces pytest-django's helper of the same name, which would add a transactional (flushed) database."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, live_server.thread.host]


def test_public_pages_with_demo_content_pass_axe(page, demo):
    cases = Project.objects.published().filter(tags__name="Case fra studien").distinct()
    paths = [
        "/",
        "/prosjekter/",
        "/prosjekter/?page=2",
        "/prosjekter/?q=velferdsteknologi",
        "/api/",
        "/kommuner/",
        "/kommuner/?q=1507",
        "/kommuner/1507/",
        "/kommuner/3201-baerum/",
        "/fylkeskommuner/32-akershus/",
        "/kommuner/9901-kommune-a/",
        "/samlinger/",
        "/samlinger/velferdsteknologi-som-virker/",
        "/statistikk/",
        *[project.get_absolute_url() for project in cases],
    ]
    for path in paths:
        visit(page, path)


@pytest.mark.parametrize(
    "email",
    ["radgiver@kommune-a.example", "admin@kommune-a.example", "kurator@spre.example"],
)
def test_signed_in_pages_with_demo_content_pass_axe(page, demo, email):
    log_in(page, email, DEMO_PASSWORD)
    project = Project.objects.filter(owner__number="9901").order_by("pk").first()
    paths = [
        "/mine-sider/",
        "/mine-prosjekter/",
        "/prosjekter/ny/",
        project.get_absolute_url(),
        f"{project.get_absolute_url()}rediger/",
        f"{project.get_absolute_url()}historikk/",
        f"{project.get_absolute_url()}arkiver/",
    ]
    if not email.startswith("radgiver"):  # member administration is for admins and curators
        paths.append("/kommuner/9901-kommune-a/medlemmer/")
    if email.startswith("kurator"):
        paths += ["/kurator/", "/kurator/forside/", "/kurator/samlinger/", "/statistikk/kurator/"]
        paths += [f"/kurator/prosjekter/{project.slug}/", f"/kurator/samlinger/{Collection.objects.get().pk}/"]
    for path in paths:
        visit(page, path)


def test_the_richest_demo_case_prints_on_at_most_two_pages(page, tmp_path):
    # The case with the most actors, channels and benefits is the longest handout.
    richest = max(
        Project.objects.published().filter(tags__name="Case fra studien"),
        key=lambda p: p.project_actors.count() + p.presentations.count() + p.benefits.count(),
    )
    visit(page, richest.get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()
    pdf = tmp_path / "handout.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 1 <= pages <= 2
