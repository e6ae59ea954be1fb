"""The spreading section of an organisation's page: the latest adoptions of its projects, their number, and its
most adopted projects (most adoptions first, the newest first among equals), read from one list of short rows."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from diffusion import services
from diffusion.models import Adoption
from diffusion.templatetags.diffusion import organisation_diffusion
from projects.models import Project

from ..factories import make_organisation
from ..projects.conftest import make_project


def _section(organisation, limit=2):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return organisation_diffusion({"request": request}, organisation, limit=limit)


def _adopt(source, organisation, day):
    return services.declare_adoption(
        source=source, organisation=organisation, by=None, status=Adoption.Status.IN_USE, started_on=day
    )


def test_most_adopted_latest_and_counts(organisation, co_owner_organisation, county):
    takers = [make_organisation(county=county) for _ in range(4)]
    alpha = make_project(owner=organisation, title="Alfa", state=Project.State.PUBLISHED)
    beta = make_project(owner=organisation, title="Beta", state=Project.State.PUBLISHED)
    gamma = make_project(owner=organisation, title="Gamma", state=Project.State.PUBLISHED)
    # Co-owned by this organisation, owned by another: its adoptions count here too.
    shared = make_project(
        owner=co_owner_organisation, title="Delt", state=Project.State.PUBLISHED, co_owners=[organisation]
    )
    for n, taker in enumerate(takers[:3]):
        _adopt(gamma, taker, datetime.date(2024, 1, 1 + n))
    _adopt(beta, takers[0], datetime.date(2024, 2, 1))
    _adopt(alpha, takers[1], datetime.date(2024, 3, 1))
    latest = _adopt(shared, takers[3], datetime.date(2024, 4, 1))

    section = _section(organisation)
    # Gamma has three; Alfa, Beta and Delt one each: among those the newest project comes first (Delt).
    assert [(p.title, p.adoption_count) for p in section["shared"]] == [("Gamma", 3), ("Delt", 1)]
    assert section["from_us_count"] == 6
    assert [a.pk for a in section["from_us"]][0] == latest.pk  # the newest first
    assert section["from_us"][1].source == alpha


def test_unlisted_sources_are_left_out_for_anyone(organisation, other_organisation, editor):
    from projects import services as project_services

    listed = make_project(owner=organisation, title="Synlig", state=Project.State.PUBLISHED)
    _adopt(listed, other_organisation, datetime.date(2024, 1, 1))
    project_services.send_back_project(project=listed, by=editor, reason="Mangler nytte.")
    section = _section(organisation)
    assert section["shared"] == [] and section["from_us_count"] == 0
