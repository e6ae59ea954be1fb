"""The projects' fixtures (a draft, a published and an archived project of `organisation`) for the curation tests."""

from ..projects.conftest import archived, complete_fields, draft, make_project, published, term  # noqa: F401
