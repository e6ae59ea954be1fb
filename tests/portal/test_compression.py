"""Pages are gzipped for visitors who are not signed in, never for signed-in ones (BREACH), and conditional GETs
still answer 304 (portal.middleware.AnonymousGZipMiddleware)."""

import gzip

import pytest
from django.test import Client

from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.fixture
def shown(organisation, editor):
    return make_project(owner=organisation, by=editor, title="Trygghetsalarm i Testby", state="published")


def test_an_anonymous_visitor_gets_a_gzipped_page(shown):
    response = Client().get("/prosjekter/", headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Trygghetsalarm i Testby" in gzip.decompress(response.content).decode()


def test_without_accept_encoding_the_page_is_plain(shown):
    response = Client().get("/prosjekter/")
    assert not response.has_header("Content-Encoding")
    assert "Trygghetsalarm i Testby" in response.content.decode()


@pytest.mark.parametrize("path", ["/prosjekter/", "/mine-sider/"])
def test_a_signed_in_visitor_gets_pages_uncompressed(shown, editor, path):
    client = Client()
    client.force_login(editor)
    response = client.get(path, headers=GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!DOCTYPE html>")


def test_files_and_short_answers_are_left_alone(shown):
    assert not Client().get("/healthz", headers=GZIP).has_header("Content-Encoding")  # a few bytes
    export = Client().get("/prosjekter/eksport.xlsx", headers=GZIP)
    assert export.status_code == 200
    assert not export.has_header("Content-Encoding")  # a zip already


def test_a_cached_page_is_gzipped_and_answers_304_to_its_etag(shown, settings):
    settings.PAGE_CACHE = True
    Client().get("/prosjekter/", headers=GZIP)
    client = Client()
    response = client.get("/prosjekter/", headers=GZIP)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    etag = response["ETag"]
    assert etag.startswith('W/"')  # weak: the bytes differ from the uncompressed page's
    again = client.get("/prosjekter/", headers={**GZIP, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    plain = client.get("/prosjekter/", headers={"If-None-Match": etag})  # the same page, uncompressed
    assert plain.status_code == 304


def test_the_api_keeps_its_etag_and_304_when_gzipped(shown):
    client = Client()
    response = client.get("/api/v1/projects/", headers=GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    again = client.get("/api/v1/projects/", headers={**GZIP, "If-None-Match": response["ETag"]})
    assert again.status_code == 304
