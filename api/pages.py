"""The API's documentation page and robots.txt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from common.pagecache import public_page

from .licence import NLOD_NAME, NLOD_URL, REGISTRY_LICENCES
from .records import public_field_names

# Paths no crawler needs: logging in, one's own pages, editing, the curators' and the admin's pages.
DISALLOW = ["/admin/", "/konto/", "/mine-sider/", "/mine-prosjekter/", "/kurator/", "/medlemskap/", "/i18n/"]


@public_page
def documentation(request):
    base = request.build_absolute_uri("/")[:-1]
    context = {
        "base": base,
        "licence_name": NLOD_NAME,
        "licence_url": NLOD_URL,
        "registry_licences": REGISTRY_LICENCES,
        "fields": public_field_names(),
        "api_root": reverse("api:root"),
        "api_projects_url": reverse("api:project-list"),
        "api_organisations_url": reverse("api:organisation-list"),
        "vocabularies_url": reverse("api:vocabulary-list"),
        "schema_url": reverse("api:schema"),
        "dcat_url": reverse("opendata:dcat"),
        "feed_url": reverse("opendata:feed"),
        "csv_url": reverse("opendata:export_csv"),
        "xlsx_url": reverse("opendata:export_xlsx"),
    }
    return render(request, "api/documentation.html", context)


def robots(request):
    lines = ["User-agent: *", *[f"Disallow: {path}" for path in DISALLOW]]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
