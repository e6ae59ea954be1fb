"""Atom feeds of newly published projects: all of them, a service area, an organisation, and any list URL
(the list page's query string makes a saved search a feed)."""

from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from municipalities.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Project, Term

from .licence import NLOD_URL
from .views import published_projects

ITEMS = 50


class ProjectFeed(Feed):
    """Newest published first. The object is (title, query): what the feed follows."""

    feed_type = Atom1Feed
    feed_copyright = NLOD_URL

    def get_object(self, request, **kwargs):
        query = request.GET.copy()
        for name in ("page", "sort", "archived"):
            query.pop(name, None)
        return (_("New projects in Spre"), query)

    def title(self, obj):
        return obj[0]

    def subtitle(self, obj):
        return _("Newly published innovation projects from Norway's municipalities and county authorities.")

    def link(self, obj):
        query = obj[1].urlencode()
        return reverse("projects:list") + (f"?{query}" if query else "")

    def items(self, obj):
        if obj[1]:
            projects = ProjectFilter(obj[1], queryset=published_projects()).qs.filter(state=Project.State.PUBLISHED)
        else:  # no filter: no filter set, which would read the choices of every filter first
            projects = published_projects().filter(state=Project.State.PUBLISHED)
        return (
            projects.select_related("owner").prefetch_related("service_areas").order_by("-published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return str(item.owner)

    def item_author_link(self, item):
        return item.owner.get_absolute_url()

    def item_categories(self, item):
        return [t.name for t in item.service_areas.all()]


class ServiceAreaFeed(ProjectFeed):
    def get_object(self, request, slug):
        area = get_object_or_404(Term, vocabulary=Term.Vocabulary.SERVICE_AREA, slug=slug)
        query = QueryDict(mutable=True)
        query["service_area"] = area.slug
        return (_("New projects in Spre: %(area)s") % {"area": area.name}, query, area)

    def items(self, obj):
        # The area itself, not through the filter set (which would read the choices of every filter first).
        projects = published_projects().filter(state=Project.State.PUBLISHED, service_areas=obj[2])
        return (
            projects.select_related("owner").prefetch_related("service_areas").order_by("-published_at", "-pk")[:ITEMS]
        )


class OrganisationFeed(ProjectFeed):
    def get_object(self, request, prefix, number):
        kind = Organisation.Kind.MUNICIPALITY if prefix == "kommuner" else Organisation.Kind.COUNTY_AUTHORITY
        organisation = get_object_or_404(Organisation, kind=kind, number=number)
        query = QueryDict(mutable=True)
        query["owner"] = str(organisation.pk)
        return (_("New projects in Spre: %(organisation)s") % {"organisation": organisation}, query, organisation)

    def link(self, obj):
        return obj[2].get_absolute_url()

    def items(self, obj):
        # Not through the filter set: its owner choices hold only organisations with projects, and a value
        # outside them would drop the filter and give every project.
        projects = published_projects().filter(state=Project.State.PUBLISHED).owned_by_organisations([obj[2].pk])
        return (
            projects.select_related("owner").prefetch_related("service_areas").order_by("-published_at", "-pk")[:ITEMS]
        )


def organisation_feed_url(organisation) -> str:
    prefix = "kommuner" if organisation.is_municipality else "fylkeskommuner"
    return reverse("opendata:organisation_feed", kwargs={"prefix": prefix, "number": organisation.number})
