"""«Last ned»: the list page's result set as CSV and XLSX, read back with the csv module and openpyxl."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from api.exports import columns

from .conftest import DRAFT_TITLE, SECRET_EMAIL

QUERIES = ["", "phase=innovation", "service_area=helse-og-omsorg&benefits=on", "archived=on", "q=kantina"]


def read_csv(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response) -> list[dict]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def list_page_count(client, query) -> int:
    return client.get(f"/prosjekter/?{query}").context["page"].paginator.count


@pytest.mark.parametrize("query", QUERIES)
def test_csv_round_trip_agrees_with_the_list_page(client, world, query):
    response = client.get(f"/prosjekter/eksport.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == list_page_count(client, query)
    page = client.get(f"/prosjekter/?{query}").context["page"]
    assert [r["Tittel"] for r in rows] == [p.title for p in page.object_list]


@pytest.mark.parametrize("query", QUERIES)
def test_xlsx_round_trip_agrees_with_the_list_page(client, world, query):
    response = client.get(f"/prosjekter/eksport.xlsx?{query}")
    assert response.status_code == 200
    rows = read_xlsx(response)
    assert len(rows) == list_page_count(client, query)


def test_one_row_per_project_with_norwegian_headings(client, world):
    client.cookies["django_language"] = "en"  # the headings stay Norwegian
    rows = read_csv(client.get("/prosjekter/eksport.csv?service_area=helse-og-omsorg"))
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == columns()
    assert {"Tittel", "Lenke", "Eierorganisasjon", "Fylke", "Tjenesteområder", "Aktører", "Gevinster"} <= set(row)
    assert row["Tittel"] == "Trygghetsalarm med sensorer"
    assert row["Lenke"] == f"http://testserver{world['alarm'].get_absolute_url()}"
    assert row["Eierorganisasjon"] == "Bærum"
    assert "NTNU" in row["Aktører"]
    assert "Færre fall" in row["Gevinster"]
    assert "Arendalsuka" in row["Spredningskanaler"]
    assert row["Stikkord"] == "Velferdsteknologi"
    xlsx = read_xlsx(client.get("/prosjekter/eksport.xlsx?service_area=helse-og-omsorg"))
    assert xlsx[0]["Tittel"] == row["Tittel"] and xlsx[0]["Aktører"] == row["Aktører"]


def test_exports_hold_no_drafts_and_no_contacts(client, world, login, curator):
    login(curator)  # even a curator's export is the public result set
    for url in ("/prosjekter/eksport.csv?archived=on", "/prosjekter/eksport.xlsx?archived=on"):
        body = b"".join(client.get(url).streaming_content)
        if ".csv" in url:
            text = body.decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
            text = str(list(sheet.iter_rows(values_only=True)))
        assert DRAFT_TITLE not in text
        assert SECRET_EMAIL not in text


def test_the_list_page_links_to_the_downloads_of_its_current_search(client, world):
    body = client.get("/prosjekter/?phase=innovation&page=1").content.decode()
    assert 'href="/prosjekter/eksport.csv?phase=innovation"' in body
    assert 'href="/prosjekter/eksport.xlsx?phase=innovation"' in body


def test_the_export_query_count_does_not_grow_with_the_rows(client, world, organisation, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from projects.models import Project

    from ..projects.conftest import make_project

    with CaptureQueriesContext(connection) as few:
        read_csv(client.get("/prosjekter/eksport.csv"))
    for n in range(8):
        make_project(owner=organisation, title=f"Prosjekt {n}", state=Project.State.PUBLISHED, tags=[f"t{n}"])
    with django_assert_max_num_queries(len(few)):
        assert len(read_csv(client.get("/prosjekter/eksport.csv"))) == 10


def test_the_export_reads_in_chunks_and_gives_every_project_once_in_order(client, world, monkeypatch):
    from api import exports
    from projects.models import Project
    from tests.projects.conftest import make_project

    for n in range(4):
        make_project(owner=world["alarm"].owner, title=f"Sensorer nummer {n}", state=Project.State.PUBLISHED)
    monkeypatch.setattr(exports, "FIRST_CHUNK", 1)
    monkeypatch.setattr(exports, "CHUNK", 2)
    titles = [row["Tittel"] for row in read_csv(client.get("/prosjekter/eksport.csv"))]
    listed = client.get("/prosjekter/").context["page"].object_list
    assert titles == [project.title for project in listed]
    assert len(titles) == len(set(titles)) == Project.objects.published().count() == 6
