"""Open data on the site's own paths: exports of the project list, Atom feeds, the DCAT description and
robots.txt. sitemap.xml is routed in portal/urls.py: it composes api.sitemaps.SITEMAPS with the other apps'
sitemaps (which `api` may not import)."""

from django.urls import path, re_path

from common.pagecache import public_page

from . import catalogue, exports, feeds, pages

app_name = "opendata"

urlpatterns = [
    path("prosjekter/eksport.csv", exports.export_csv, name="export_csv"),
    path("prosjekter/eksport.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("feeder/prosjekter/", public_page(feeds.ProjectFeed()), name="feed"),
    path("feeder/tjenesteomrader/<slug:slug>/", public_page(feeds.ServiceAreaFeed()), name="service_area_feed"),
    re_path(
        r"^feeder/(?P<prefix>kommuner|fylkeskommuner)/(?P<number>[0-9]{1,4})/$",
        public_page(feeds.OrganisationFeed()),
        name="organisation_feed",
    ),
    path("api/datasett.jsonld", catalogue.dataset, name="dcat"),
    path("robots.txt", pages.robots, name="robots"),
]
