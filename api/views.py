"""The read-only API, /api/v1/: published projects, organisations and the controlled vocabularies.

Anonymous only (no authentication class: a logged-in visitor sees exactly what an anonymous one sees).
Every response carries the licence; lists use cursor pagination in a stable order; ETag and Last-Modified
let clients poll cheaply (304); a client gets API_THROTTLE_RATE requests, then 429 with Retry-After."""

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from municipalities.models import Organisation
from projects.filters import ProjectFilter
from projects.models import Actor, Benefit, Presentation, Project, ProjectActor, Term

from .licence import licence_info, link_header
from .records import for_records
from .serializers import OrganisationSerializer, ProjectSerializer, VocabularySerializer


class ClientThrottle(AnonRateThrottle):
    """Per client address (behind the proxy: X-Forwarded-For with NUM_PROXIES, as DRF reads it). The rate is
    read on every request, so settings can change it (the tests use a low one)."""

    scope = "api"

    def get_rate(self):
        return settings.API_THROTTLE_RATE


def counted_hit(request) -> bool:
    """Before a cached answer (common.pagecache.same_for_everyone): the client's request counts against its rate
    as any other. Over it, the view answers 429 itself (a refused request is not recorded, so nothing counts
    twice)."""
    return ClientThrottle().allow_request(request, None)


class Pagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data):
        return Response(
            {
                "license": licence_info(),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"] = {"license": {"type": "object"}, **envelope["properties"]}
        return envelope


class NewestFirst(Pagination):
    # listed_at: when the project was published (every listed project has been; created_at is only a fallback,
    # since the cursor needs a value on every row).
    ordering = ("-listed_at", "-pk")


class ByNumber(Pagination):
    ordering = ("number", "pk")


class OpenDataMixin:
    """Anonymous, throttled, licensed, and in Norwegian whatever the visitor's language: the labels are the
    data's own (codes and English term names are fields of their own), so one URL is one answer for every
    cache."""

    authentication_classes: list = []
    throttle_classes = [ClientThrottle]

    def dispatch(self, request, *args, **kwargs):
        with translation.override("nb"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = link_header()
        response.setdefault("Cache-Control", "public, max-age=60")
        return response


def published_projects():
    """What an anonymous visitor may see: ProjectQuerySet.visible_to(anonymous), i.e. `listed()`: published, and
    archived after having been published."""
    return Project.objects.visible_to(None)


PROJECT_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search, as on /prosjekter/"),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, many=True, description=f"Filter (repeatable): {name}")
        for name in ProjectFilter.FACETS
    ],
    OpenApiParameter("benefits", OpenApiTypes.BOOL, description="Only projects with documented benefits"),
    OpenApiParameter("archived", OpenApiTypes.BOOL, description="Include archived projects"),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="1–200, default 50"),
]


UNFILTERED = {"cursor", "page_size", "format"}  # parameters of the list that do not filter


@extend_schema_view(
    get=extend_schema(
        summary="Published projects",
        description=(
            "Published projects, newest first, with the same filters and search as /prosjekter/. "
            "Archived projects only with archived=on."
        ),
        parameters=PROJECT_FILTERS,
    )
)
class ProjectList(OpenDataMixin, generics.ListAPIView):
    serializer_class = ProjectSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        if set(self.request.query_params) <= UNFILTERED:
            # What the filter set gives without filters (the published projects), without reading the choices
            # of every filter, which it needs only to check values.
            projects = published_projects().published()
        else:
            filterset = ProjectFilter(self.request.query_params, queryset=published_projects())
            if not filterset.is_valid():  # the page drops an unknown value; an API client is told (400)
                raise ValidationError(filterset.errors)
            projects = filterset.qs
        return for_records(projects).annotate(listed_at=Coalesce("published_at", "created_at"))

    def list(self, request, *args, **kwargs):
        queryset = self.get_queryset()  # the filter set reads its choices once
        page = self.paginate_queryset(queryset)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        # The page's own latest change (the ETag covers rows that leave it): not a scan of the whole result set.
        latest = max((project.updated_at for project in page), default=None)
        if latest:
            response["Last-Modified"] = http_date(latest.timestamp())
        return response


@extend_schema_view(get=extend_schema(summary="One published project"))
class ProjectDetail(OpenDataMixin, generics.RetrieveAPIView):
    serializer_class = ProjectSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return for_records(published_projects())

    def retrieve(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        project = queryset.filter(slug=kwargs["slug"]).first()
        if project is None:
            renamed = queryset.filter(former_slugs__slug=kwargs["slug"]).first()
            if renamed is None:
                raise Http404
            return HttpResponsePermanentRedirect(reverse("api:project-detail", kwargs={"slug": renamed.slug}))
        data = {**self.get_serializer(project).data, "license": licence_info()}
        response = Response(data)
        response["Last-Modified"] = http_date(project.updated_at.timestamp())
        return response


def organisations():
    """Every organisation with its number of published projects (owned or co-owned), in one query."""
    listed = published_projects().filter(state=Project.State.PUBLISHED)
    owned = listed.filter(owner=OuterRef("pk")).order_by().values("owner").annotate(n=Count("pk")).values("n")
    co_owned = (
        Project.co_owners.through.objects.filter(organisation=OuterRef("pk"), project__in=listed)
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Organisation.objects.select_related("county").annotate(
        project_count=Coalesce(Subquery(owned), 0) + Coalesce(Subquery(co_owned), 0),
        **adoption_counts(),
    )


def adoption_counts() -> dict:
    """The organisation page's two numbers (diffusion's `{% organisation_diffusion %}` as an anonymous visitor sees
    it), as subqueries: `adoption_count`, the adoptions of its projects (owned or co-owned), and `adopted_count`,
    the adoptions it declared itself; both only adoptions that count, of projects anyone may see. The adoptions are
    reached by the reverse relation's name and diffusion's stored `is_counted` flag, like the project records'
    `with_adoption_count()`, so `api` does not import `diffusion`."""
    listed = Project.objects.listed()
    of_owned = (
        listed.filter(owner=OuterRef("pk"), adoptions__is_counted=True)
        .order_by()
        .values("owner")
        .annotate(n=Count("adoptions"))
        .values("n")
    )
    of_co_owned = (
        Project.co_owners.through.objects.filter(
            organisation=OuterRef("pk"), project__in=listed, project__adoptions__is_counted=True
        )
        .order_by()
        .values("organisation")
        .annotate(n=Count("project__adoptions"))
        .values("n")
    )
    declared = (
        listed.filter(adoptions__organisation=OuterRef("pk"), adoptions__is_counted=True)
        .order_by()
        .values("adoptions__organisation")
        .annotate(n=Count("adoptions"))
        .values("n")
    )
    return {
        "adoption_count": Coalesce(Subquery(of_owned), 0) + Coalesce(Subquery(of_co_owned), 0),
        "adopted_count": Coalesce(Subquery(declared), 0),
    }


@extend_schema_view(
    get=extend_schema(
        summary="Municipalities and county authorities",
        parameters=[
            OpenApiParameter("kind", OpenApiTypes.STR, enum=["municipality", "county"]),
            OpenApiParameter("county", OpenApiTypes.STR, description="County number, e.g. 03"),
            OpenApiParameter("active", OpenApiTypes.BOOL),
        ],
    )
)
class OrganisationList(OpenDataMixin, generics.ListAPIView):
    serializer_class = OrganisationSerializer
    pagination_class = ByNumber

    def get_queryset(self):
        queryset = organisations()
        params = self.request.query_params
        if params.get("kind") in Organisation.Kind.values:
            queryset = queryset.filter(kind=params["kind"])
        if params.get("county"):
            queryset = queryset.filter(county__number=params["county"])
        if params.get("active") in ("true", "1", "on"):
            queryset = queryset.filter(is_active=True)
        return queryset


@extend_schema_view(get=extend_schema(summary="One organisation, by its official number"))
class OrganisationDetail(OpenDataMixin, generics.RetrieveAPIView):
    serializer_class = OrganisationSerializer

    def get_object(self):
        matches = list(organisations().filter(number=self.kwargs["number"])[:2])
        if len(matches) != 1:
            raise Http404
        return matches[0]

    def retrieve(self, request, *args, **kwargs):
        return Response({**self.get_serializer(self.get_object()).data, "license": licence_info()})


def _choice_vocabulary(key, label, choices, filter_name=None) -> dict:
    terms = [
        {"slug": value, "name": str(name), "name_en": "", "description": "", "is_active": True}
        for value, name in choices
    ]
    return {"key": key, "label": str(label), "filter": filter_name, "terms": terms}


FILTER_OF_VOCABULARY = {
    Term.Vocabulary.SERVICE_AREA: "service_area",
    Term.Vocabulary.INNOVATION_TYPE: "innovation_type",
    Term.Vocabulary.DRIVER: "driver",
    Term.Vocabulary.METHOD: "method",
}


def vocabularies() -> list[dict]:
    terms = list(Term.objects.order_by("vocabulary", "order", "name"))
    result = [
        {
            "key": vocabulary,
            "label": str(label),
            "filter": FILTER_OF_VOCABULARY.get(vocabulary),
            "terms": [
                {
                    "slug": t.slug,
                    "name": t.name,
                    "name_en": t.name_en,
                    "description": t.description,
                    "is_active": t.is_active,
                }
                for t in terms
                if t.vocabulary == vocabulary
            ],
        }
        for vocabulary, label in Term.Vocabulary.choices
    ]
    result += [
        _choice_vocabulary("degree", _("degree of innovation"), Project.Degree.choices),
        _choice_vocabulary("phase", _("phase"), Project.Phase.choices, "phase"),
        _choice_vocabulary("status", _("project status"), Project.Status.choices, "status"),
        _choice_vocabulary("actor_type", _("actor type"), Actor.Type.choices, "actor_type"),
        _choice_vocabulary("actor_role", _("role"), ProjectActor.Role.choices),
        _choice_vocabulary("channel", _("channel"), Presentation.Channel.choices, "channel"),
        _choice_vocabulary("benefit_documentation", _("how it was documented"), Benefit.Documentation.choices),
    ]
    return result


class VocabularyList(OpenDataMixin, APIView):
    @extend_schema(summary="The controlled vocabularies and code lists", responses=VocabularySerializer(many=True))
    def get(self, request):
        return Response({"license": licence_info(), "results": vocabularies()})


class Root(OpenDataMixin, APIView):
    @extend_schema(exclude=True)
    def get(self, request):
        def absolute(name):
            return request.build_absolute_uri(reverse(name))

        return Response(
            {
                "license": licence_info(),
                "projects": absolute("api:project-list"),
                "organisations": absolute("api:organisation-list"),
                "vocabularies": absolute("api:vocabulary-list"),
                "schema": absolute("api:schema"),
                "documentation": absolute("api:docs"),
                # "adoptions": added when the diffusion app lands.
            }
        )


class Schema(OpenDataMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML by default, JSON with ?format=json)."""
