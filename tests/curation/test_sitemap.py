"""Published collections are in sitemap.xml; unpublished ones are not (composed in portal/urls.py)."""

import xml.etree.ElementTree as ET

from django.utils import timezone

from curation.models import Collection

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_the_sitemap_lists_published_collections_only(client, db):
    published = Collection.objects.create(
        title="Velferdsteknologi som virker", slug="velferd", published_at=timezone.now()
    )
    unpublished = Collection.objects.create(title="Et utkast til samling", slug="utkast")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {url.find(f"{SITEMAP}loc").text for url in ET.fromstring(response.content).iter(f"{SITEMAP}url")}
    assert "http://testserver" + published.get_absolute_url() in locations
    assert "http://testserver" + unpublished.get_absolute_url() not in locations
    assert "http://testserver/prosjekter/" in locations  # the api's sitemaps are still there
