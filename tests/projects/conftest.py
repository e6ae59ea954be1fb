"""Projects owned by `organisation` together with `co_owner_organisation` (the cast is in tests/conftest.py)."""

import pytest

from projects import services
from projects.models import Project, Term


def term(vocabulary=Term.Vocabulary.SERVICE_AREA, slug="helse-og-omsorg") -> Term:
    return Term.objects.get(vocabulary=vocabulary, slug=slug)


def complete_fields(**overrides) -> dict:
    """Everything publishing requires."""
    fields = {
        "summary": "Sensorer og varsling gir tryggere hjemmetjenester.",
        "need": "Flere eldre bor hjemme lenger.",
        "solution": "Digitalt tilsyn om natten.",
        "phase": Project.Phase.INNOVATION,
        "service_areas": [term()],
        "contacts": [{"name": "Kari Nordmann", "role": "prosjektleder", "email": "kari@example.org"}],
    }
    fields.update(overrides)
    return fields


def make_project(*, owner, by=None, title="Digitalt tilsyn i hjemmetjenesten", state=Project.State.DRAFT, **fields):
    if state != Project.State.DRAFT:
        fields = complete_fields(**fields)
    project = services.create_project(owner=owner, by=by, title=title, **fields)
    if state in (Project.State.PUBLISHED, Project.State.ARCHIVED):
        services.publish_project(project=project, by=by)
    if state == Project.State.ARCHIVED:
        services.archive_project(project=project, by=by)
    project.refresh_from_db()
    return project


@pytest.fixture
def draft(organisation, co_owner_organisation):
    return make_project(owner=organisation, title="Et utkast om velferdsteknologi", co_owners=[co_owner_organisation])


@pytest.fixture
def published(organisation, co_owner_organisation):
    return make_project(
        owner=organisation,
        title="Trygghetsalarm med sensorer",
        state=Project.State.PUBLISHED,
        co_owners=[co_owner_organisation],
    )


@pytest.fixture
def archived(organisation, co_owner_organisation):
    return make_project(
        owner=organisation,
        title="Et arkivert prosjekt",
        state=Project.State.ARCHIVED,
        co_owners=[co_owner_organisation],
    )


@pytest.fixture
def archived_draft(organisation, co_owner_organisation):
    """A project archived straight from draft: never published, so never public."""
    project = make_project(owner=organisation, title="Et arkivert utkast", co_owners=[co_owner_organisation])
    services.archive_project(project=project, by=None)
    project.refresh_from_db()
    return project
