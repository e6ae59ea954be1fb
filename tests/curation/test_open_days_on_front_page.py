"""The front page shows the upcoming open days (of the opendays app) with a constant number of queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.pagecache import page_cache
from opendays.services import publish_open_day
from projects.models import Project

from .conftest import make_project


def _open_days(project, n, days_ahead=5):
    start = timezone.now() + datetime.timedelta(days=days_ahead)
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
            sign_up_deadline=start - datetime.timedelta(hours=1),
            description="Velkommen",
        )


def test_front_page_shows_upcoming_open_days_with_constant_queries(client, organisation):
    source = make_project(owner=organisation, title="Kilde", state=Project.State.PUBLISHED)
    _open_days(source, 1)
    page_cache.clear()
    with CaptureQueriesContext(connection) as few:
        content = client.get("/").content.decode()
    assert f"Visningsdag {source.pk}-0" in content
    assert 'href="/visningsdager/"' in content
    more = make_project(owner=organisation, title="Kilde 2", state=Project.State.PUBLISHED)
    _open_days(more, 4)
    page_cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many.captured_queries) == len(few.captured_queries)
