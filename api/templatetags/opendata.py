"""Links that travel: canonical URLs, OpenGraph and Twitter card metadata, schema.org JSON-LD and the Atom
feed links, for the pages of projects (and lower apps) whose templates load this library."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from ..feeds import organisation_feed_url
from ..licence import NLOD_URL

register = template.Library()


def _json_ld(data: dict) -> str:
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_json_script_escapes))


def _organisation_ld(organisation, absolute) -> dict:
    data = {
        "@type": "GovernmentOrganization",
        "name": str(organisation),
        "url": absolute(organisation.get_absolute_url()),
        "identifier": organisation.number,
        "address": {"@type": "PostalAddress", "addressRegion": organisation.county.name, "addressCountry": "NO"},
    }
    if organisation.parallel_names:
        data["alternateName"] = organisation.parallel_names
    if organisation.latitude is not None and organisation.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }
    return data


@register.inclusion_tag("api/_share_meta.html", takes_context=True)
def project_meta(context, project):
    """The project page's head: canonical URL, OpenGraph, Twitter card and schema.org (published projects only:
    a draft's page is not for sharing or indexing)."""
    request = context["request"]
    absolute = request.build_absolute_uri
    url = absolute(project.get_absolute_url())
    images = list(project.images.all())  # prefetched by the view
    image = absolute(images[0].get_absolute_url()) if images else absolute(static("img/og-default.png"))
    description = project.summary or project.title
    ld = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": project.title,
        "headline": project.title,
        "description": description,
        "url": url,
        "inLanguage": "nb",
        "license": NLOD_URL,
        "datePublished": project.published_at,
        "dateModified": project.updated_at,
        "author": _organisation_ld(project.owner, absolute),
        "about": [str(t) for t in project.service_areas.all()],  # in the page's language
        "keywords": ", ".join(t.name for t in project.tags.all()),
        "image": image,
        "isPartOf": {"@type": "WebSite", "name": "Spre", "url": absolute("/")},
    }
    return {
        "public": not project.is_draft,
        "url": url,
        "title": project.title,
        "description": description,
        "owner": str(project.owner),
        "image": image,
        "image_alt": images[0].alt_text if images else "Spre",
        "large_image": bool(images),
        "og_type": "article",
        "published": project.published_at.isoformat() if project.published_at else "",
        "json_ld": _json_ld(ld),
        "feeds": [(str(project.owner), organisation_feed_url(project.owner))],
    }


@register.inclusion_tag("api/_share_meta.html", takes_context=True)
def organisation_meta(context, organisation, description=""):
    request = context["request"]
    absolute = request.build_absolute_uri
    ld = {"@context": "https://schema.org", **_organisation_ld(organisation, absolute)}
    return {
        "public": True,
        "url": absolute(organisation.get_absolute_url()),
        "title": str(organisation),
        "description": description or str(organisation),
        "owner": "",
        "image": absolute(static("img/og-default.png")),
        "image_alt": "Spre",
        "large_image": False,
        "og_type": "website",
        "json_ld": _json_ld(ld),
        "feeds": [(str(organisation), organisation_feed_url(organisation))],
    }


@register.simple_tag(takes_context=True)
def list_feed_url(context) -> str:
    """The Atom feed of the list page's current search and filters."""
    query = context["request"].GET.copy()
    for name in ("page", "sort", "archived"):
        query.pop(name, None)
    encoded = query.urlencode()
    return reverse("opendata:feed") + (f"?{encoded}" if encoded else "")


@register.simple_tag(takes_context=True)
def export_url(context, name: str) -> str:
    """The CSV or XLSX export of the list page's current result set (the same query string)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return reverse(f"opendata:export_{name}") + (f"?{encoded}" if encoded else "")
