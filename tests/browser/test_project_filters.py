"""Filtering the project list: without JavaScript (plain form GETs) and with htmx (results update, the URL
follows, a live region announces the count), axe-clean with results, empty and with many filters."""

import pytest

from projects.models import Project

from ..projects.conftest import make_project
from .helpers import check_axe, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def projects(organisations):
    make_project(
        owner=organisations["bergen"],
        title="Trygghetsalarm",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.SPREADING,
        tags=["Velferdsteknologi"],
    )
    make_project(
        owner=organisations["bergen"],
        title="Matsvinn i kantina",
        state=Project.State.PUBLISHED,
        phase=Project.Phase.INNOVATION,
    )


def test_filters_work_without_javascript(new_page, projects):
    page = new_page(java_script_enabled=False)
    checker = new_page()  # axe needs JavaScript: the same URLs are checked in a second, scripted page

    def axe_same_page(context):
        checker.goto(page.url)
        check_axe(checker, context=context)

    page.goto("/prosjekter/")
    axe_same_page("(all projects)")
    page.check("input[name=phase][value=spreading]")
    with page.expect_navigation():
        page.click(".filter-panel button[type=submit]")
    assert "phase=spreading" in page.url
    assert page.locator(".project-list li").count() == 1
    axe_same_page("(one filter)")
    page.check("input[name=tag][value=velferdsteknologi]")
    page.check("input[name=status][value=completed]")
    with page.expect_navigation():
        page.click(".filter-panel button[type=submit]")
    assert page.locator(".project-list li").count() == 0
    assert "Fjern ett av disse filtrene" in page.content()
    axe_same_page("(empty, many filters)")
    with page.expect_navigation():
        page.click("text=Fjern alle")
    assert page.locator(".project-list li").count() == 2


def test_htmx_updates_results_url_and_announces_the_count(page, projects):
    visit(page, "/prosjekter/")
    page.check("input[name=phase][value=spreading]")
    page.wait_for_url("**/prosjekter/?*phase=spreading*")
    page.wait_for_function("document.querySelectorAll('.project-list li').length === 1")
    assert page.locator("#results-announcement").inner_text().strip() == "1 prosjekt"
    check_axe(page, context="(after an htmx update)")


def test_search_results_matches_and_empty_help_are_accessible(new_page, projects, organisations):
    page = new_page(java_script_enabled=False)
    checker = new_page(viewport={"width": 320, "height": 800})

    def axe_same_page(context):
        checker.goto(page.url)
        check_axe(checker, context=context)
        overflow = checker.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow, f"horizontal overflow at 320 px {context}"

    page.goto("/prosjekter/")
    page.fill("#id_q", "trygghetsalarmer bergen")
    with page.expect_navigation():
        page.press("#id_q", "Enter")
    assert page.locator(".project-list li").first.inner_text().startswith("Trygghetsalarm")
    assert "Organisasjoner som passer" in page.content()
    axe_same_page("(search with an organisation)")
    page.goto("/prosjekter/?q=akvakulturforing")
    assert "Ingen treff? Prøv dette" in page.content()
    axe_same_page("(search without results)")
