"""sitemap.xml: the public pages, the published projects and the organisations; robots.txt points to it.

`/sitemap.xml` is an index of sections (`/sitemap-<section>.xml`), each split into pages of at most `limit` URLs
(`?p=2` …): a sitemap may hold at most 50 000 URLs, and a page of a few thousand is quick to build. Each section's
latest change is one aggregate query, not a walk over every item."""

from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import x_robots_tag
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import http_date

from municipalities.models import Organisation
from projects.models import Project

PAGE_SIZE = 1000  # URLs per sitemap page (about 30 ms each to build)


class ModelSitemap(Sitemap):
    """A section of model instances with `updated_at`, paginated by primary key."""

    changefreq = "weekly"
    limit = PAGE_SIZE

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class StaticSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["home", "projects:list", "municipalities:list", "about", "about_data", "api:docs"]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(ModelSitemap):
    def items(self):
        return Project.objects.published().only("slug", "updated_at").order_by("pk")

    def location(self, item):
        # The path of projects:detail with the slug put in: one reversal per page, not one per project.
        return self._prefix() + item.slug + "/"

    def _prefix(self):
        if not hasattr(self, "_detail_prefix"):
            self._detail_prefix = reverse("projects:detail", kwargs={"slug": "x"})[:-2]
        return self._detail_prefix


class OrganisationSitemap(ModelSitemap):
    def items(self):
        return Organisation.objects.active().only("kind", "number", "slug", "updated_at").order_by("pk")


SITEMAPS = {"pages": StaticSitemap, "projects": ProjectSitemap, "organisations": OrganisationSitemap}


@x_robots_tag
def section(request, section, sitemaps):
    """One page of one section, like django.contrib.sitemaps.views.sitemap but written without the template
    engine, which took about 0.1 ms a URL (0.2 s for a page of 2 000)."""
    if section not in sitemaps:
        raise Http404(f"No sitemap section {section!r}")
    site = sitemaps[section]()
    try:
        page = site.paginator.page(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    base = f"{request.scheme}://{request.get_host()}"
    has_lastmod = hasattr(site, "lastmod")
    latest = None
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for item in page.object_list:
        entry = f"<url><loc>{escape(base + site.location(item))}</loc>"
        lastmod = site.lastmod(item) if has_lastmod else None
        if lastmod:
            latest = lastmod if latest is None else max(latest, lastmod)
            entry += f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>"
        parts.append(f"{entry}<changefreq>{site.changefreq}</changefreq></url>\n")
    parts.append("</urlset>\n")
    response = HttpResponse("".join(parts), content_type="application/xml")
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response
