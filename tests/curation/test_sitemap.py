"""Published collections are in sitemap.xml; unpublished ones are not (composed in portal/urls.py)."""

from django.utils import timezone

from curation.models import Collection
from tests.api.test_links import sitemap_locations


def test_the_sitemap_lists_published_collections_only(client, db):
    published = Collection.objects.create(
        title="Velferdsteknologi som virker", slug="velferd", published_at=timezone.now()
    )
    unpublished = Collection.objects.create(title="Et utkast til samling", slug="utkast")
    locations = set(sitemap_locations(client))
    assert "http://testserver" + published.get_absolute_url() in locations
    assert "http://testserver" + unpublished.get_absolute_url() not in locations
    assert "http://testserver/prosjekter/" in locations  # the api's sitemaps are still there
