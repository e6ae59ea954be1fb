"""The Atom feed of confirmed adoptions (/spredning/atom/): only adoptions that count, confirmed by the
source, of published projects."""

import xml.etree.ElementTree as ET

from django.utils import timezone

from diffusion.models import Adoption
from projects.models import Project

from ..factories import make_organisation
from ..projects.conftest import make_project

ATOM = "{http://www.w3.org/2005/Atom}"


def _adoption(source, organisation, **fields):
    return Adoption.objects.create(source=source, organisation=organisation, **{"is_counted": True, **fields})


def test_the_feed_lists_only_confirmed_counted_adoptions_of_published_projects(client, source, county, organisation):
    confirmed = Adoption.Confirmation.CONFIRMED
    now = timezone.now()
    shown = _adoption(source, make_organisation(name="Asker", county=county), confirmation=confirmed, confirmed_at=now)
    _adoption(source, make_organisation(name="Unconfirmedby", county=county))
    ended = make_organisation(name="Notcountedby", county=county)
    _adoption(source, ended, confirmation=confirmed, confirmed_at=now, is_counted=False)
    archived = make_project(owner=organisation, title="Et arkivert prosjekt", state=Project.State.ARCHIVED)
    draft = make_project(owner=organisation, title="Et utkast om noe")
    _adoption(archived, make_organisation(name="Archivedby", county=county), confirmation=confirmed, confirmed_at=now)
    _adoption(draft, make_organisation(name="Draftby", county=county), confirmation=confirmed, confirmed_at=now)

    response = client.get("/spredning/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [f"Asker: {source.title}"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(shown.get_absolute_url())


def test_the_spreading_page_links_the_feed(client, db):
    page = client.get("/spredning/").text
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="/spredning/atom/"' in page
