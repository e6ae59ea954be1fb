"""Published collections in sitemap.xml (composed with the api's sitemaps in portal/urls.py: `api` does not
import `curation`)."""

from django.contrib.sitemaps import Sitemap

from .models import Collection


class CollectionSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Collection.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at
