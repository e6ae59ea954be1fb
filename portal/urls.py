from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from api import sitemaps as sitemap_sections
from api.sitemaps import SITEMAPS
from common.pagecache import public_page
from curation.sitemaps import CollectionSitemap

from . import views

# sitemap.xml: the api's sitemaps (pages, projects, organisations) and the other apps' (which `api` may not import).
SITEMAPS = {**SITEMAPS, "collections": CollectionSitemap}
SITEMAP_INDEX = {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}
SITEMAP_SECTION = {"sitemaps": SITEMAPS}

urlpatterns = [
    path("", views.home, name="home"),
    path("om/", views.about, name="about"),
    path("om-dataene/", views.about_data, name="about_data"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    path("personvern/", views.privacy, name="privacy"),
    path("kontakt/", views.contact, name="contact"),
    path("statistikk/", views.statistics, name="statistics"),
    path("statistikk/kurator/", views.statistics_curators, name="statistics_curators"),
    path("statistikk/kurator/<slug:key>.csv", views.statistics_curators_csv, name="statistics_curators_csv"),
    path("statistikk/<slug:key>.csv", views.statistics_csv, name="statistics_csv"),
    path("healthz", views.healthz, name="healthz"),
    # An index of the sections, each in pages of at most a few thousand URLs (a sitemap may hold 50 000).
    path(
        "sitemap.xml",
        public_page(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        public_page(sitemap_sections.section),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("accounts.allauth_urls")),  # allauth on Norwegian paths
    path("", include("accounts.urls")),
    path("", include("municipalities.urls")),
    path("", include("opendays.urls")),
    path("", include("api.site_urls")),  # exports, feeds, sitemap, robots.txt, DCAT (before projects' slugs)
    path("", include("api.urls")),
    path("", include("projects.urls")),
    path("", include("notifications.urls")),
    path("", include("diffusion.urls")),
    path("", include("conversation.urls")),
    path("", include("curation.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded files are never served from MEDIA_URL: the projects app's download views check that the
# visitor may see the project first (drafts' files stay private), in development as in production.

handler500 = "portal.views.server_error"  # a database outage gets the 503 "try again" page
