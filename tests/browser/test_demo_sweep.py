"""Every kind of page, with the real registry and the full demo content, passes axe for each role.

The other browser tests use small hand-made data; this one catches what only real content shows
(long tables, many actors, long names) on every page a person can reach.
"""

import pytest

from demo.people import DEMO_PASSWORD, load_demo_users
from demo.projects import generate_projects, load_demo_projects
from municipalities.registry import load_registry
from projects.models import Project

from .helpers import log_in, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def demo():
    load_registry()
    load_demo_users()
    load_demo_projects()
    generate_projects(30, seed=1)


def test_public_pages_with_demo_content_pass_axe(page, demo):
    cases = Project.objects.published().filter(tags__name="Case fra studien").distinct()
    paths = [
        "/",
        "/prosjekter/",
        "/prosjekter/?page=2",
        "/prosjekter/?q=velferdsteknologi",
        "/kommuner/",
        "/kommuner/?q=1507",
        "/kommuner/1507/",
        "/kommuner/3201-baerum/",
        "/fylkeskommuner/32-akershus/",
        "/kommuner/9901-kommune-a/",
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
    ]
    if not email.startswith("radgiver"):  # member administration is for admins and curators
        paths.append("/kommuner/9901-kommune-a/medlemmer/")
    for path in paths:
        visit(page, path)
