"""/statistikk/: the numbers agree with an independent count over the objects, download as CSV, and cost a constant
number of queries."""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from common.pagecache import page_cache
from municipalities.models import Membership, Organisation
from portal import stats
from projects.models import Actor, Presentation, Project

from ..factories import make_county, make_membership, make_organisation
from .conftest import make_project, term

AREAS = ["helse-og-omsorg", "oppvekst"]


def _sector(n: int = 3):
    """Organisations in two counties; each municipality has published, draft and archived projects with actors,
    channels, areas, phases and years that vary."""
    counties = [make_county(name="Nordfylke"), make_county(name="Sørfylke")]
    organisations = [make_organisation(county=counties[i % 2], name=f"Kommune {i}") for i in range(2 * n)]
    organisations.append(
        make_organisation(kind=Organisation.Kind.COUNTY_AUTHORITY, county=counties[0], name="Nordfylke")
    )
    actor_types, channels = list(Actor.Type.values), list(Presentation.Channel.values)
    for i in range(n):
        owner = organisations[i]
        make_project(
            owner=owner,
            title=f"Publisert {i}",
            state=Project.State.PUBLISHED,
            phase=list(Project.Phase.values)[i % 5],
            status=list(Project.Status.values)[i % 4],
            start_date=datetime.date(2020 + i % 2, 1, 1) if i % 3 else None,
            service_areas=[term(slug=AREAS[j]) for j in range(1 + i % 2)],
            co_owners=[organisations[-1]] if i == 0 else [],
            actors=[
                {"actor": f"Aktør {i}-{k}", "actor_type": actor_types[(i + k) % len(actor_types)]} for k in range(2)
            ],
            presentations=[{"channel": channels[i % len(channels)], "arena": "Et sted"}],
        )
        make_project(owner=owner, title=f"Utkast {i}", presentations=[{"channel": channels[0], "arena": "x"}])
    make_project(owner=organisations[n], title="Arkivert", state=Project.State.ARCHIVED)
    return organisations


def _rows(table):
    return {row[0]: row[1] for row in table.rows}


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_the_numbers_agree_with_an_independent_count(db, english):
    _sector()
    published = [p for p in Project.objects.all() if p.state == Project.State.PUBLISHED]
    contributing = {p.owner_id for p in published} | {o.pk for p in published for o in p.co_owners.all()}
    tables = {table.key: table for table in stats.public_tables()}

    county_rows = {row[0]: row for row in tables["organisations-by-county"].rows}
    for name in ("Nordfylke", "Sørfylke"):
        orgs = [o for o in Organisation.objects.filter(is_active=True) if o.county.name == name]
        municipalities = [o for o in orgs if o.kind == Organisation.Kind.MUNICIPALITY]
        expected_contributing = len([o for o in orgs if o.pk in contributing])
        assert county_rows[name][1:4] == [expected_contributing, len(municipalities), len(orgs) - len(municipalities)]
    assert _rows(tables["contributing-total"])["Contributing to Spre now"] == len(contributing)
    assert _rows(tables["contributing-total"])["KomINN's contributors (baseline)"] == 36

    areas = Counter(t.localized_name for p in published for t in p.service_areas.all())
    assert {k: v for k, v in _rows(tables["projects-by-service-area"]).items() if v} == dict(areas)
    phases = Counter(p.get_phase_display() for p in published)
    assert {k: v for k, v in _rows(tables["projects-by-phase"]).items() if v} == dict(phases)
    statuses = Counter(p.get_status_display() for p in published)
    assert {k: v for k, v in _rows(tables["projects-by-status"]).items() if v} == dict(statuses)
    years = Counter(str(p.start_date.year) if p.start_date else "no start date" for p in published)
    assert _rows(tables["projects-by-year"]) == dict(years)
    actor_types = Counter(
        label for p in published for label in {pa.actor.get_actor_type_display() for pa in p.project_actors.all()}
    )
    assert {k: v for k, v in _rows(tables["actor-types"]).items() if v} == dict(actor_types)
    channels = Counter(label for p in published for label in {pr.get_channel_display() for pr in p.presentations.all()})
    assert {k: v for k, v in _rows(tables["diffusion-channels"]).items() if v} == dict(channels)


def test_curator_tables_agree_with_an_independent_count(db):
    organisations = _sector()
    make_membership(organisation=organisations[0])
    make_membership(organisation=organisations[0])
    make_membership(organisation=organisations[1], status=Membership.Status.PENDING)
    make_membership(organisation=organisations[-2])
    members = {row[0]: row[2] for row in stats.members_per_organisation().rows}
    expected = Counter(str(m.organisation) for m in Membership.objects.all() if m.status == Membership.Status.APPROVED)
    assert members == dict(expected)
    idle = {row[0] for row in stats.organisations_without_activity().rows}
    with_projects = {p.owner_id for p in Project.objects.all()}
    logged = {a.organisation_id for a in stats.Activity.objects.all()}
    assert idle == {str(o) for o in Organisation.objects.all() if o.pk not in with_projects | logged}


def test_every_table_has_an_accessible_chart_and_a_csv_link(client, db):
    _sector()
    content = client.get("/statistikk/").content.decode()
    for table in stats.public_tables():
        assert f'aria-labelledby="{table.key}-chart-title {table.key}-chart-desc"' in content
        assert f'<title id="{table.key}-chart-title">' in content
        assert f'href="/statistikk/{table.key}.csv"' in content
    assert content.count('role="img"') == len(stats.public_tables())


@pytest.mark.parametrize("key", ["organisations-by-county", "projects-by-service-area", "actor-types"])
def test_csv_download_is_the_table(client, db, key):
    _sector()
    table = next(t for t in stats.public_tables() if t.key == key)
    response = client.get(f"/statistikk/{key}.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert f"spre-{key}.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [str(c) for c in table.columns]
    assert rows[1:] == [[str(cell) for cell in row] for row in table.rows]


def test_curators_csv_is_for_curators_only(client, db, curator, member):
    client.force_login(member)
    assert client.get("/statistikk/kurator/members-per-organisation.csv").status_code == 403
    client.force_login(curator)
    response = client.get("/statistikk/kurator/organisations-without-activity.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == "Organisasjon,Fylke,Medlemmer"


def _queries(client, url):
    page_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_statistics_pages_make_a_constant_number_of_queries(client, db, curator):
    _sector(n=2)
    client.force_login(curator)
    few = _queries(client, "/statistikk/"), _queries(client, "/statistikk/kurator/")
    _sector(n=6)
    assert (_queries(client, "/statistikk/"), _queries(client, "/statistikk/kurator/")) == few


def test_the_tables_from_the_list_tally_agree_with_counting_live(db, settings, english):
    """On a large catalogue the counts come from projects.facets' tally: the same tables as counting live."""
    from projects import facets

    _sector()
    settings.FACET_TABLE_FROM = 10**9
    live = [(table.key, table.rows, table.total) for table in stats.public_tables()]
    live_contributing = stats.contributing_ids()
    facets.rebuild()
    settings.FACET_TABLE_FROM = 0
    assert facets.tally() is not None
    assert [(table.key, table.rows, table.total) for table in stats.public_tables()] == live
    assert stats.contributing_ids() == live_contributing
    with CaptureQueriesContext(connection) as queries:
        stats.public_tables()
    assert sum("projects_facetcount" in query["sql"] for query in queries.captured_queries) == 1
