"""«Last ned» in a real browser: after filtering (htmx), the download links carry the current search, and the
downloaded CSV holds the projects the page lists. Works the same without JavaScript (plain links)."""

import csv
import io

import pytest

from projects.models import Project

from ..projects.conftest import make_project
from .helpers import visit

pytestmark = pytest.mark.browser


@pytest.fixture
def projects(organisations):
    for title, phase in [
        ("Trygghetsalarm", "spreading"),
        ("Matsvinn i kantina", "innovation"),
        ("Skolehelse", "spreading"),
    ]:
        make_project(owner=organisations["bergen"], title=title, state=Project.State.PUBLISHED, phase=phase)


def _download_csv(page, link) -> list[dict]:
    with page.expect_download() as info:
        page.click(link)
    with open(info.value.path(), encoding="utf-8-sig") as handle:
        text = handle.read()
    return list(csv.DictReader(io.StringIO(text)))


def test_download_the_filtered_list_as_csv(page, projects):
    visit(page, "/prosjekter/")
    page.check("input[name=phase][value=spreading]")
    page.wait_for_url("**/prosjekter/?*phase=spreading*")
    page.wait_for_function("document.querySelectorAll('.project-list li').length === 2")
    assert "phase=spreading" in page.get_attribute(".project-downloads a[href*='eksport.csv']", "href")
    rows = _download_csv(page, ".project-downloads a[href*='eksport.csv']")
    assert sorted(r["Tittel"] for r in rows) == ["Skolehelse", "Trygghetsalarm"]
    assert {r["Fase"] for r in rows} == {"spredning"}
    with page.expect_download() as info:
        page.click(".project-downloads a[href*='eksport.xlsx']")
    assert info.value.suggested_filename.endswith(".xlsx")


def test_download_without_javascript(new_page, projects):
    page = new_page(java_script_enabled=False, accept_downloads=True)
    page.goto("/prosjekter/?phase=innovation")
    rows = _download_csv(page, ".project-downloads a[href*='eksport.csv']")
    assert [r["Tittel"] for r in rows] == ["Matsvinn i kantina"]
