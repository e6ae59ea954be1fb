"""The statistics and the front page with the diffusion and open days apps: adoptions over time agree with an
independent count, the headline numbers count adoptions, and the front page shows the newest adoptions and the
upcoming open days with a constant number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from common.pagecache import page_cache
from diffusion.models import Adoption
from diffusion.services import declare_adoption
from opendays.services import publish_open_day
from portal import stats
from projects.models import Project

from ..factories import make_organisation
from .conftest import make_project


def _adoptions(source, n, start_year=2021):
    adoptions = []
    for i in range(n):
        adopter = make_organisation(name=f"Adopterer {source.pk}-{i}")
        status = [Adoption.Status.IN_USE, Adoption.Status.TRIAL, Adoption.Status.ENDED][i % 3]
        adoptions.append(
            declare_adoption(
                source=source,
                organisation=adopter,
                by=None,
                status=status,
                ended_reason="Passet ikke" if status == Adoption.Status.ENDED else "",
                started_on=datetime.date(start_year + i % 3, 3, 1),
            )
        )
    return adoptions


def _open_days(project, n):
    start = timezone.now() + datetime.timedelta(days=5)
    for i in range(n):
        publish_open_day(
            project=project,
            by=None,
            title=f"Visningsdag {project.pk}-{i}",
            kind="digital",
            starts_at=start + datetime.timedelta(days=i),
            ends_at=start + datetime.timedelta(days=i, hours=2),
            video_link="https://video.example/rom",
            capacity=10,
            sign_up_deadline=start - datetime.timedelta(days=1),
            description="Velkommen",
        )


def test_adoptions_over_time_agree_with_an_independent_count(organisation):
    source = make_project(owner=organisation, title="Kilde", state=Project.State.PUBLISHED)
    _adoptions(source, 7)
    with translation.override("en"):
        table = stats.adoptions_over_time()
    counted = [a for a in Adoption.objects.all() if a.status in Adoption.ACTIVE and a.is_counted]
    expected, running = [], 0
    for year in sorted({a.started_on.year for a in counted}):
        n = len([a for a in counted if a.started_on.year == year])
        running += n
        expected.append([str(year), n, running])
    assert table.rows == expected
    assert stats.headline_numbers()["adoptions"] == len(counted) == 5


def test_front_page_shows_newest_adoptions_and_upcoming_open_days_with_constant_queries(client, organisation):
    source = make_project(owner=organisation, title="Kilde", state=Project.State.PUBLISHED)
    _adoptions(source, 1)
    _open_days(source, 1)
    page_cache.clear()
    with CaptureQueriesContext(connection) as few:
        content = client.get("/").content.decode()
    assert "Adopterer" in content and "Visningsdag" in content
    more = make_project(owner=organisation, title="Kilde 2", state=Project.State.PUBLISHED)
    _adoptions(more, 6)
    _open_days(more, 4)
    page_cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many.captured_queries) == len(few.captured_queries)
