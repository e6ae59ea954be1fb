"""sitemap.xml: the public pages, the published projects and the organisations; robots.txt points to it."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from municipalities.models import Organisation
from projects.models import Project


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "projects:list", "municipalities:list", "about", "about_data", "api:docs"]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Organisation.objects.active().only("kind", "number", "slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": StaticSitemap, "projects": ProjectSitemap, "organisations": OrganisationSitemap}
