"""Curation and the statistics in a real browser: a curator features a project with a note, puts it first, records
an award and builds a collection; a visitor reads the statistics by keyboard. Every page passes axe."""

import pytest

from projects.models import Project

from ..projects.conftest import make_project
from .helpers import check_axe, log_in, visit
from .test_membership_requests import click_and_wait, make_curator

pytestmark = pytest.mark.browser


def test_curator_curates_the_front_page(new_page, organisations):
    bergen = organisations["bergen"]
    first = make_project(owner=bergen, title="Digitalt nattilsyn", state=Project.State.PUBLISHED)
    second = make_project(owner=bergen, title="Språkmiljø i barnehagen", state=Project.State.PUBLISHED)
    curator = make_curator()
    page = new_page()
    log_in(page, curator.email)

    for project, note in ((first, "Nattilsyn uten å vekke noen."), (second, "Språk fra første dag.")):
        visit(page, project.get_absolute_url())
        click_and_wait(page, f"main a[href='/kurator/prosjekter/{project.slug}/']")
        page.fill("#id_feature-note", note)
        click_and_wait(page, "form[action$='/fremhev/'] button[type=submit]")
        assert page.locator(".ds-alert, [role=status], .messages").first.is_visible()

    # An award for the second project (its curation page is open).
    page.fill("#id_award-name", "Kommunenes innovasjonspris")
    page.fill("#id_award-year", "2024")
    click_and_wait(page, "form[action$='/priser/'] button[type=submit]")
    assert page.locator("main .badge--award", has_text="Kommunenes innovasjonspris 2024").count() == 1

    # The second project first, without JavaScript's help: a move-up button.
    visit(page, "/kurator/forside/")
    click_and_wait(page, "main .curated-list li:nth-child(2) button[value=up]")
    titles = page.locator("main .curated-list h3").all_inner_texts()
    assert titles == ["Språkmiljø i barnehagen", "Digitalt nattilsyn"]

    # A collection with the first project in it, published.
    visit(page, "/kurator/samlinger/")
    page.fill("#id_title", "Velferdsteknologi som virker")
    page.fill("#id_introduction", "Prosjekter som har tatt teknologien i bruk.")
    click_and_wait(page, "main form.stack-form button[type=submit]")
    visit(page, f"/kurator/prosjekter/{first.slug}/")
    page.select_option("#id_collection-collection", label="Velferdsteknologi som virker")
    page.fill("#id_collection-note", "Et godt sted å begynne.")
    click_and_wait(page, "form[action$='/samlinger/'] button[type=submit]")
    visit(page, "/kurator/samlinger/")
    click_and_wait(page, "main a:has-text('Velferdsteknologi som virker')")
    click_and_wait(page, "form[action$='/publiser/'] button[type=submit]")

    # What everyone sees.
    visitor = new_page()
    visit(visitor, "/")
    featured = visitor.locator("section[aria-labelledby=featured-heading] h3").all_inner_texts()
    assert featured == ["Språkmiljø i barnehagen", "Digitalt nattilsyn"]
    assert visitor.get_by_text("Nattilsyn uten å vekke noen.").is_visible()
    assert visitor.locator("main .badge--award").first.is_visible()
    click_and_wait(visitor, "main a[href='/samlinger/velferdsteknologi-som-virker/']")
    assert visitor.get_by_text("Et godt sted å begynne.").is_visible()
    visit(visitor, "/prosjekter/?award=on")
    assert visitor.locator("main .project-list h3").all_inner_texts() == ["Språkmiljø i barnehagen"]  # the award


def test_statistics_can_be_read_by_keyboard(page, organisations):
    make_project(owner=organisations["bergen"], title="Digitalt nattilsyn", state=Project.State.PUBLISHED)
    visit(page, "/statistikk/")
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 7
    for index in range(charts.count()):
        labelled = charts.nth(index).get_attribute("aria-labelledby").split()
        assert all(page.locator(f"[id='{name}']").count() == 1 for name in labelled)

    # Tab from the top: the skip link, then on to the contents; follow one with Enter.
    link = page.locator(".stat-nav a[href='#projects-by-phase']")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('href')") == "#projects-by-phase":
            break
    else:
        pytest.fail("the contents link was not reached by Tab")
    assert link.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#projects-by-phase")

    # The table scrolls in a focusable region; the CSV link follows it in the tab order.
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        if focused == "/statistikk/projects-by-phase.csv":
            break
    else:
        pytest.fail("the CSV link was not reached by Tab after the contents link")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "spre-projects-by-phase.csv"
    check_axe(page)


def test_curation_and_statistics_fit_320_px(new_page, organisations):
    from .test_phone_width import _check

    project = make_project(owner=organisations["bergen"], title="Et prosjekt med en lang tittel", state="published")
    curator = make_curator()
    page = new_page(viewport={"width": 320, "height": 640})
    _check(page, [("/statistikk/", 200), ("/samlinger/", 200), ("/", 200)])
    log_in(page, curator.email)
    paths = ["/kurator/", "/kurator/forside/", "/kurator/samlinger/", f"/kurator/prosjekter/{project.slug}/"]
    _check(page, [(path, 200) for path in [*paths, "/statistikk/kurator/"]])
    for path in paths:
        visit(page, path)
