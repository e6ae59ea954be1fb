"""Published collections in sitemap.xml (composed with the api's sitemaps in portal/urls.py: `api` does not
import `curation`)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Collection


class CollectionSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Collection.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):  # one query, not a walk over every collection
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]
