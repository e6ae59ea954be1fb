"""/api/: the versioned read-only API, its OpenAPI schema and its documentation page."""

from django.middleware.http import ConditionalGetMiddleware
from django.urls import path
from django.utils.decorators import decorator_from_middleware

from . import pages, views

app_name = "api"

# ETag (from the body) and Last-Modified (set by the views) answered with 304 when the client has them.
conditional = decorator_from_middleware(ConditionalGetMiddleware)

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
