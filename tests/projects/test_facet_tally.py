"""The facet counts kept ahead (projects/facets.py) agree with counting live, after every kind of change.

The tally path is switched on with FACET_TABLE_FROM=0; the live path (FACET_TABLE_FROM very large) is the
reference. On PostgreSQL the filtered counts come from the bit strings, on SQLite from the key rows: the suite
runs on both."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.test import RequestFactory

from curation.services import give_award, remove_award
from diffusion.services import declare_adoption
from projects import facets, services
from projects.filters import ProjectFilter
from projects.models import FacetCount, Project, ProjectFacet, Term

from .conftest import make_project

QUERIES = [
    "",
    "archived=on",
    "service_area=helse-og-omsorg",
    "service_area=helse-og-omsorg&service_area=oppvekst",
    "phase=innovation&status=ongoing",
    "phase=innovation&phase=preparation",
    "service_area=helse-og-omsorg&phase=innovation&status=ongoing",
    "benefits=on",
    "adopted=on",
    "award=on",
    "adopted=on&archived=on",
    "start_year=2023",
    "tag=sensorer",
    "channel=conference",
    "actor_type=research",
    "q=sensorer",
    "q=sensorer&phase=innovation",
    "q=alarm&archived=on&service_area=helse-og-omsorg",
]


def area(slug):
    return Term.objects.get(vocabulary=Term.Vocabulary.SERVICE_AREA, slug=slug)


@pytest.fixture
def catalogue(organisation, co_owner_organisation, other_organisation, editor, run_consumers):
    """Projects that differ in every filter, written through the services with their consumers run."""

    def build():
        made = {
            "alarm": make_project(
                owner=organisation,
                by=editor,
                title="Trygghetsalarm med sensorer",
                state=Project.State.PUBLISHED,
                co_owners=[co_owner_organisation],
                start_date=datetime.date(2023, 3, 1),
                tags=["sensorer"],
                benefits=[{"indicator": "Færre fall", "baseline": "10", "result": "4"}],
                presentations=[{"channel": "conference", "arena": "Arendalskonferansen"}],
            ),
            "school": make_project(
                owner=co_owner_organisation,
                by=editor,
                title="Skolemat med sensorer",
                state=Project.State.PUBLISHED,
                phase=Project.Phase.PREPARATION,
                service_areas=[area("oppvekst"), area("helse-og-omsorg")],
                start_date=datetime.date(2024, 1, 1),
                actors=[{"actor": "Universitetet i Sørøst-Norge", "actor_type": "research", "role": "partner"}],
            ),
            "old": make_project(
                owner=organisation,
                by=editor,
                title="Gammel alarm",
                state=Project.State.ARCHIVED,
                start_date=datetime.date(2023, 6, 1),
            ),
            "draft": make_project(owner=organisation, by=editor, title="Et utkast om alarm"),
            "shelved": make_project(owner=organisation, by=editor, title="Alarm som aldri ble publisert"),
        }
        services.archive_project(project=made["shelved"], by=editor)  # archived straight from draft: not listed
        declare_adoption(source=made["alarm"], organisation=other_organisation, by=None)
        declare_adoption(source=made["old"], organisation=other_organisation, by=None)
        return made

    return run_consumers(build)


def facets_of(query: str, settings, *, tallied: bool):
    settings.FACET_TABLE_FROM = 0 if tallied else 10**9
    request = RequestFactory().get("/prosjekter/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    filterset = ProjectFilter(QueryDict(query), queryset=Project.objects.listed(), request=request)
    found = [(f.name, [(o.value, o.count) for o in f.options]) for f in filterset.facets()]
    return found, filterset.count()


def assert_agree(settings):
    for query in QUERIES:
        assert facets_of(query, settings, tallied=True) == facets_of(query, settings, tallied=False), query


def stored():
    rows = sorted(ProjectFacet.objects.values_list("project_id", "key"))
    counts = sorted(FacetCount.objects.filter(count__gt=0).values_list("state", "key", "count"))
    return rows, counts


def test_the_tally_agrees_with_counting_live(catalogue, settings):
    found, total = facets_of("", settings, tallied=True)
    assert total == 2  # the two published projects; the archived one with archived=on, the draft never
    counts = dict(found)
    assert dict(counts["service_area"])["helse-og-omsorg"] == 2
    assert dict(counts["adopted"])["on"] == 1
    assert_agree(settings)


def test_a_rebuild_gives_what_the_changes_gave(catalogue):
    kept = stored()
    assert kept[0], "the services' consumers filled the tally"
    assert facets.rebuild() == 3
    assert stored() == kept


def test_edits_archiving_adoptions_and_awards_move_the_counts(catalogue, settings, editor, curator, run_consumers):
    alarm, school = catalogue["alarm"], catalogue["school"]
    run_consumers(
        lambda: services.update_project(
            project=alarm, by=editor, service_areas=[area("oppvekst")], phase=Project.Phase.PREPARATION, tags=[]
        )
    )
    assert_agree(settings)
    award = run_consumers(lambda: give_award(project=school, by=curator, name="Innovasjonsprisen", year=2025))
    assert dict(dict(facets_of("", settings, tallied=True)[0])["award"])["on"] == 1
    assert_agree(settings)
    run_consumers(lambda: services.archive_project(project=school, by=editor))
    assert facets_of("", settings, tallied=True)[1] == 1
    assert_agree(settings)
    run_consumers(lambda: remove_award(award=award, by=curator))
    run_consumers(lambda: services.restore_project(project=Project.objects.get(pk=school.pk), by=editor))
    assert facets_of("", settings, tallied=True)[1] == 2
    assert_agree(settings)
    kept = stored()
    facets.rebuild()
    assert stored() == kept


def test_a_change_made_in_the_admin_moves_the_counts(catalogue, settings, curator):
    alarm = catalogue["alarm"]
    Project.objects.filter(pk=alarm.pk).update(status=Project.Status.COMPLETED)
    assert facets_of("status=completed", settings, tallied=True) != facets_of(
        "status=completed", settings, tallied=False
    ), "before the admin's log entry the tally has not seen the change"
    LogEntry.objects.create(
        user=curator,
        content_type=ContentType.objects.get_for_model(Project),
        object_id=str(alarm.pk),
        object_repr=str(alarm),
        action_flag=CHANGE,
    )
    assert_agree(settings)


def test_a_small_catalogue_counts_live(catalogue, settings):
    settings.FACET_TABLE_FROM = 10
    assert facets.tally() is None
    settings.FACET_TABLE_FROM = 3
    assert facets.tally() is not None


def test_migrate_builds_a_missing_tally(catalogue, settings):
    from projects.apps import build_when_missing

    FacetCount.objects.all().delete()
    ProjectFacet.objects.all().delete()
    settings.FACET_TABLE_FROM = 3
    build_when_missing(sender=None)
    assert FacetCount.objects.exists()
    assert_agree(settings)


def test_the_filtered_counts_take_a_fixed_number_of_queries(
    catalogue, settings, django_assert_max_num_queries, organisation, editor, run_consumers
):
    settings.FACET_TABLE_FROM = 0
    query = "service_area=helse-og-omsorg&phase=innovation&q=sensorer"
    with django_assert_max_num_queries(20) as first:
        facets_of(query, settings, tallied=True)
    for n in range(5):
        run_consumers(
            lambda n=n: make_project(
                owner=organisation, by=editor, title=f"Sensorer nummer {n}", state=Project.State.PUBLISHED
            )
        )
    with django_assert_max_num_queries(len(first)):
        facets_of(query, settings, tallied=True)
