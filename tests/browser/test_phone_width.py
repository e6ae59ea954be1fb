"""Every page type fits a 320 px wide screen (WCAG 1.4.10 Reflow): the document is never wider than the viewport.

Wide content (tables) must scroll inside its own region (.table-wrap) or reflow; the page itself must not
scroll sideways. Runs on the full demo content, loaded once for the module as in test_demo_sweep.py.
"""

import pytest
from django.db.models import Count

from projects.models import Project

from ..demo_data import DEMO_PASSWORD
from .helpers import log_in
from .test_demo_sweep import _browser_test_setup, _live_server_helper, demo  # noqa: F401  (the module's demo)

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def _overflow(page, path: str, *, status: int = 200) -> str | None:
    """A description of the overflow on `path`, or None when the page fits."""
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path} answered {response and response.status}"
    width = page.evaluate(
        """() => {
            const doc = document.documentElement, vw = doc.clientWidth;
            if (doc.scrollWidth <= vw) return null;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > vw + 1 && !el.closest('.table-wrap'))
                .slice(0, 5)
                .map(el => `${el.tagName.toLowerCase()}.${el.className} «${el.textContent.trim().slice(0, 40)}»`);
            return `${doc.scrollWidth} px wide (viewport ${vw}): ${wide.join(', ')}`;
        }"""
    )
    return f"{path} is {width}" if width else None


def _check(page, paths) -> None:
    problems = [problem for path, status in paths if (problem := _overflow(page, path, status=status))]
    assert not problems, "Pages wider than a 320 px screen:\n" + "\n".join(problems)


def _rich_projects() -> list[Project]:
    """A project with a benefits table, the longest title, the most actors, and one with documents and images."""
    published = Project.objects.published()
    picks = [
        published.filter(benefits__isnull=False).annotate(n=Count("benefits")).order_by("-n").first(),
        max(published, key=lambda p: len(p.title)),
        published.annotate(n=Count("project_actors")).order_by("-n").first(),
        published.filter(documents__isnull=False).first(),
        published.filter(images__isnull=False).first(),
    ]
    return [p for p in dict.fromkeys(picks) if p is not None]


def test_public_pages_fit_320_px(new_page):
    page = new_page(viewport=PHONE)
    projects = _rich_projects()
    assert any(p.benefits.exists() for p in projects), "the demo has no project with a benefits table"
    paths = [
        "/",
        "/om/",
        "/om-dataene/",
        "/api/",
        "/tilgjengelighet/",
        "/personvern/",
        "/kontakt/",
        "/prosjekter/",
        "/prosjekter/?q=velferdsteknologi",
        "/kommuner/",
        "/kommuner/3201-baerum/",
        "/fylkeskommuner/32-akershus/",
        "/kommuner/9901-kommune-a/",
        "/konto/login/",
        "/konto/signup/",
        "/konto/password/reset/",
        "/samlinger/",
        "/samlinger/velferdsteknologi-som-virker/",
        "/statistikk/",
        *[project.get_absolute_url() for project in projects],
    ]
    _check(page, [(path, 200) for path in paths])


def test_error_page_fits_320_px(browser, live_server):
    # Its own context: the fixture `new_page` fails a test on the console error that a 404 page logs.
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport=PHONE)
    try:
        _check(context.new_page(), [("/prosjekter/finnes-ikke/", 404), ("/finnes-ikke/", 404)])
    finally:
        context.close()


@pytest.mark.parametrize("email", ["admin@kommune-a.example", "kurator@spre.example"])
def test_signed_in_pages_fit_320_px(new_page, email):
    page = new_page(viewport=PHONE)
    log_in(page, email, DEMO_PASSWORD)
    project = Project.objects.filter(owner__number="9901").order_by("pk").first()
    rich = _rich_projects()[0]
    paths = [
        "/mine-sider/",
        "/varsler/",
        "/mine-prosjekter/",
        "/konto/profil/",
        "/konto/password/change/",
        "/konto/email/",
        "/prosjekter/ny/",
        project.get_absolute_url(),
        f"{project.get_absolute_url()}rediger/",
        f"{project.get_absolute_url()}historikk/",
        f"{project.get_absolute_url()}arkiver/",
        "/kommuner/9901-kommune-a/medlemmer/",
        "/kommuner/9901-kommune-a/aktivitet/",
    ]
    statuses = [(path, 200) for path in paths]
    if email.startswith("kurator"):
        statuses += [("/kurator/", 200), (f"{rich.get_absolute_url()}rediger/", 200)]
        statuses += [(path, 200) for path in ("/kurator/forside/", "/kurator/samlinger/", "/statistikk/kurator/")]
        statuses += [(f"/kurator/prosjekter/{rich.slug}/", 200)]
    _check(page, statuses)


def test_first_search_result_is_on_the_first_phone_screen(new_page):
    page = new_page(viewport={"width": 375, "height": 667})
    page.goto("/prosjekter/")
    top = page.evaluate("() => document.querySelector('.project-list > li').getBoundingClientRect().top")
    assert top < 667, f"the first result starts {top:.0f} px down, below the first screen (667 px)"
