"""Links that travel: Atom feeds, sitemap.xml, robots.txt, the DCAT description, canonical URLs, OpenGraph,
Twitter cards and schema.org JSON-LD on the pages that get shared."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from api.feeds import organisation_feed_url

from .conftest import DRAFT_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def feed_titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_the_feed_of_all_new_projects(client, world):
    titles = feed_titles(client, "/feeder/prosjekter/")
    assert titles == ["Matsvinn i kantina", "Trygghetsalarm med sensorer"]  # newest first
    assert DRAFT_TITLE not in titles and "Et arkivert prosjekt" not in titles
    root = ET.fromstring(client.get("/feeder/prosjekter/").content)
    entry = next(root.iter(f"{ATOM}entry"))
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/prosjekter/")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Storby"


def test_a_list_url_is_a_feed(client, world):
    assert feed_titles(client, "/feeder/prosjekter/?phase=spreading") == ["Trygghetsalarm med sensorer"]
    assert feed_titles(client, "/feeder/prosjekter/?q=kantina") == ["Matsvinn i kantina"]
    assert feed_titles(client, "/feeder/prosjekter/?archived=on&phase=nonsense") == [
        "Matsvinn i kantina",
        "Trygghetsalarm med sensorer",
    ]


def test_the_feed_of_a_service_area(client, world):
    assert feed_titles(client, "/feeder/tjenesteomrader/helse-og-omsorg/") == ["Trygghetsalarm med sensorer"]
    assert feed_titles(client, f"/feeder/tjenesteomrader/{world['school'].slug}/") == ["Matsvinn i kantina"]
    assert client.get("/feeder/tjenesteomrader/finnes-ikke/").status_code == 404


def test_the_feed_of_an_organisation(client, world, organisation, co_owner_organisation, other_organisation):
    assert feed_titles(client, organisation_feed_url(organisation)) == ["Trygghetsalarm med sensorer"]
    assert feed_titles(client, organisation_feed_url(co_owner_organisation)) == ["Trygghetsalarm med sensorer"]
    assert feed_titles(client, organisation_feed_url(other_organisation)) == []  # no projects: none, not all
    assert client.get("/feeder/kommuner/0000/").status_code == 404


def test_pages_link_to_their_feeds(client, world, organisation):
    body = client.get("/prosjekter/?phase=spreading&page=2").content.decode()
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="/feeder/prosjekter/\?phase=spreading"', body
    )
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert f'href="{organisation_feed_url(organisation)}"' in body
    assert 'rel="alternate" type="application/atom+xml"' in body


def sitemap_locations(client) -> list[str]:
    """Every URL of every page of every section the index /sitemap.xml lists."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert ET.fromstring(response.content).tag == f"{SITEMAP}sitemapindex"
    locations = []
    for sitemap in ET.fromstring(response.content).iter(f"{SITEMAP}sitemap"):
        page = client.get(sitemap.find(f"{SITEMAP}loc").text.removeprefix("http://testserver"))
        assert page.status_code == 200
        assert page["Content-Type"] == "application/xml"
        root = ET.fromstring(page.content)
        assert root.tag == f"{SITEMAP}urlset"
        locations += [url.find(f"{SITEMAP}loc").text for url in root.iter(f"{SITEMAP}url")]
    return locations


def test_the_sitemap_lists_published_projects_and_organisations(client, world, organisation):
    locations = set(sitemap_locations(client))
    base = "http://testserver"
    assert base + world["alarm"].get_absolute_url() in locations
    assert base + world["draft"].get_absolute_url() not in locations
    assert base + world["archived"].get_absolute_url() not in locations
    assert base + organisation.get_absolute_url() in locations
    assert base + "/prosjekter/" in locations


def test_the_sitemap_is_an_index_of_pages_that_hold_every_project_once(client, world, monkeypatch):
    from api import sitemaps
    from projects.models import Project
    from tests.projects.conftest import make_project

    for n in range(3):
        make_project(owner=world["alarm"].owner, by=None, title=f"Sensorer nummer {n}", state="published")
    monkeypatch.setattr(sitemaps.ProjectSitemap, "limit", 2)
    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-projects.xml?p=2</loc>" in index and "/sitemap-projects.xml?p=3</loc>" in index
    assert "?p=4" not in index  # 5 published projects, 2 a page
    projects = [url for url in sitemap_locations(client) if "/prosjekter/" in url and url.count("/") > 4]
    published = Project.objects.published()
    assert sorted(projects) == sorted(f"http://testserver{p.get_absolute_url()}" for p in published)
    page = client.get("/sitemap-projects.xml?p=2")
    assert page.status_code == 200 and page.has_header("Last-Modified")
    assert "<lastmod>" in page.content.decode()
    assert client.get("/sitemap-projects.xml?p=4").status_code == 404
    assert client.get("/sitemap-projects.xml?p=x").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text and "Disallow: /konto/" in text
    assert "Disallow: /prosjekter/" not in text


def test_the_dcat_description(client, world):
    response = client.get("/api/datasett.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@type"] == "dcat:Dataset"
    assert data["dct:license"]["@id"] == "https://data.norge.no/nlod/no/2.0"
    assert {"dct:title", "dct:description", "dct:publisher", "dcat:contactPoint", "dcat:theme"} <= set(data)
    formats = {d["dct:format"]["@id"].rsplit("/", 1)[1] for d in data["dcat:distribution"]}
    assert formats == {"JSON", "CSV", "XLSX"}
    for distribution in data["dcat:distribution"]:
        assert client.get(distribution["dcat:accessURL"]["@id"]).status_code == 200
    assert "dct:modified" in data


def _meta(body: str) -> dict:
    found = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', body)
    return dict(found)


def test_a_project_page_shares_well(client, world):
    project = world["alarm"]
    body = client.get(project.get_absolute_url()).content.decode()
    meta = _meta(body)
    url = f"http://testserver{project.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert meta["og:title"] == project.title
    assert meta["og:url"] == url
    assert meta["og:type"] == "article"
    assert meta["og:description"].startswith("Bærum: ")
    assert meta["og:image"].startswith("http://testserver/")
    assert meta["twitter:card"] in ("summary", "summary_large_image")
    assert meta["twitter:data1"] == "Bærum"
    assert meta["description"] == project.summary
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert ld["@type"] == "CreativeWork" and ld["name"] == project.title
    assert ld["author"]["@type"] == "GovernmentOrganization" and ld["author"]["name"] == "Bærum"


def test_a_drafts_page_is_not_for_sharing(client, world, login, member):
    login(member)
    body = client.get(world["draft"].get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in body
    assert "og:title" not in body and "application/ld+json" not in body


def test_an_organisation_page_shares_well(client, world, organisation):
    body = client.get(organisation.get_absolute_url()).content.decode()
    meta = _meta(body)
    assert meta["og:title"] == "Bærum"
    assert f'<link rel="canonical" href="http://testserver{organisation.get_absolute_url()}">' in body
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert ld["@type"] == "GovernmentOrganization" and ld["identifier"] == organisation.number


@pytest.mark.parametrize("title", ["Et «sitat» </script><script>alert(1)</script>"])
def test_json_ld_cannot_break_out_of_its_script(client, organisation, title):
    from projects.models import Project

    from ..projects.conftest import make_project

    project = make_project(owner=organisation, title=title, state=Project.State.PUBLISHED)
    body = client.get(project.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    assert json.loads(script)["name"] == title
    assert "<script>alert" not in body
