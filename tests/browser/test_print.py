"""The project page prints as a clean handout: one to two A4 pages, without navigation."""

import re

import pytest

from demo.people import load_demo_users
from demo.projects import load_demo_projects
from municipalities.registry import load_registry
from projects.models import Project

from .helpers import visit

pytestmark = pytest.mark.browser


def test_the_richest_demo_case_prints_on_at_most_two_pages(page, live_server, tmp_path):
    load_registry()
    load_demo_users()
    load_demo_projects()
    # The case with the most actors, channels and benefits is the longest handout.
    richest = max(
        Project.objects.published(),
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
