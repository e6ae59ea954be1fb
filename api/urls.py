"""/api/: the versioned read-only API, its OpenAPI schema and its documentation page."""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import path
from django.utils.decorators import decorator_from_middleware

from common.pagecache import same_for_everyone

from . import pages, views

app_name = "api"

_conditional = decorator_from_middleware(ConditionalGetMiddleware)


def conditional(view):
    """ETag (from the body) and Last-Modified (set by the views) answered with 304 when the client has them; the
    whole answer cached per URL until the site changes (every visitor gets the same one), each request still
    counted against the client's rate."""
    return _conditional(same_for_everyone(view, before_hit=views.counted_hit))


urlpatterns = [
    path("api/", pages.documentation, name="docs"),
    path("api/v1/", conditional(views.Root.as_view()), name="root"),
    path("api/v1/projects/", conditional(views.ProjectList.as_view()), name="project-list"),
    path("api/v1/projects/<slug:slug>/", conditional(views.ProjectDetail.as_view()), name="project-detail"),
    path("api/v1/organisations/", conditional(views.OrganisationList.as_view()), name="organisation-list"),
    path(
        "api/v1/organisations/<str:number>/",
        conditional(views.OrganisationDetail.as_view()),
        name="organisation-detail",
    ),
    path("api/v1/vocabularies/", conditional(views.VocabularyList.as_view()), name="vocabulary-list"),
    path("api/v1/schema/", conditional(views.Schema.as_view()), name="schema"),
]
