"""Every public page anonymous visitors read is cached (the second visit is a hit), and a change made through the
services shows on it at once. tests/portal/test_page_cache.py covers the mechanism on the project pages."""

import pytest
from django.test import Client

from accounts import services as account_services
from curation import services as curation
from diffusion import services as diffusion
from opendays import services as opendays
from tests.factories import make_membership, make_user
from tests.opendays.conftest import make_open_day
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def world(run_consumers, organisation, other_organisation, editor, curator):
    """A published project of Bærum with an open day, in a published collection; Asker with an editor."""

    def build():
        project = make_project(owner=organisation, by=editor, title="Trygghetsalarm i Testby", state="published")
        second = make_project(owner=organisation, by=editor, title="Lesehjelp i biblioteket", state="published")
        collection = curation.create_collection(by=curator, title="Velferdsteknologi i praksis")
        curation.add_to_collection(collection=collection, project=project, by=curator)
        curation.publish_collection(collection=collection, by=curator)
        taker = make_user(email="asker-editor@example.org", full_name="Aase Asker")
        make_membership(user=taker, organisation=other_organisation, role="editor")
        return {
            "project": project,
            "second": second,
            "collection": collection,
            "open_day": make_open_day(project=project, by=editor),
            "editor": editor,
            "curator": curator,
            "taker": taker,
            "organisation": organisation,
            "other": other_organisation,
        }

    return run_consumers(build)


def get(path: str) -> tuple[str, object]:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode(), response


STATIC_PAGES = ["/om/", "/om-dataene/", "/tilgjengelighet/", "/personvern/", "/kontakt/", "/api/", "/statistikk/"]


@pytest.mark.parametrize("path", STATIC_PAGES)
def test_a_second_anonymous_visit_to_a_site_page_is_a_hit(db, path):
    first = Client().get(path)
    assert first.status_code == 200
    assert "X-Page-Cache" not in first
    assert Client().get(path)["X-Page-Cache"] == "hit"


def _declare(w):
    return diffusion.declare_adoption(source=w["project"], organisation=w["other"], by=w["taker"])


def _declare_and_confirm(w):
    adoption = _declare(w)
    diffusion.confirm_adoption(adoption=adoption, by=w["editor"], confirm=True)


def _new_collection(w):
    collection = curation.create_collection(by=w["curator"], title="Samling om lesing")
    curation.add_to_collection(collection=collection, project=w["second"], by=w["curator"])
    curation.publish_collection(collection=collection, by=w["curator"])


def _publish_project(w):
    make_project(owner=w["other"], by=w["taker"], title="Kommunal lesehund", state="published")


def _new_open_day(w):
    make_open_day(project=w["second"], by=w["editor"], title="Visningsdag i Lesesalen")


# (page, the change through a service, text the page shows only after it)
CHANGES = {
    "spreading": (lambda w: "/spredning/", _declare, "Asker"),
    "spreading feed": (lambda w: "/spredning/atom/", _declare_and_confirm, "Asker"),
    "a project's adoptions": (lambda w: f"{w['project'].get_absolute_url()}ibruktakelser/", _declare, "Asker"),
    "collections": (lambda w: "/samlinger/", _new_collection, "Samling om lesing"),
    "a collection": (
        lambda w: w["collection"].get_absolute_url(),
        lambda w: curation.add_to_collection(collection=w["collection"], project=w["second"], by=w["curator"]),
        "Lesehjelp i biblioteket",
    ),
    "open days": (lambda w: "/visningsdager/", _new_open_day, "Visningsdag i Lesesalen"),
    "open days feed": (lambda w: "/visningsdager/atom/", _new_open_day, "Visningsdag i Lesesalen"),
    "an open day": (
        lambda w: w["open_day"].get_absolute_url(),
        lambda w: opendays.update_open_day(open_day=w["open_day"], by=w["editor"], place="Månesiden omsorgssenter"),
        "Månesiden omsorgssenter",
    ),
    "statistics": (lambda w: "/statistikk/", _publish_project, "Kommunal lesehund"),  # only the numbers change
    "projects feed": (lambda w: "/feeder/prosjekter/", _publish_project, "Kommunal lesehund"),
    "service area feed": (
        lambda w: "/feeder/tjenesteomrader/helse-og-omsorg/",
        _publish_project,
        "Kommunal lesehund",
    ),
    "sitemap": (lambda w: "/sitemap-projects.xml", _publish_project, "kommunal-lesehund"),
}


@pytest.mark.parametrize("case", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_through_the_services_shows_at_once_on_a_cached_page(world, run_consumers, case):
    page, change, text = case
    path = page(world)
    before, first = get(path)
    assert "X-Page-Cache" not in first
    again, second = get(path)
    assert second["X-Page-Cache"] == "hit"
    assert text not in again
    run_consumers(lambda: change(world))
    after, third = get(path)
    assert "X-Page-Cache" not in third, path
    assert after != before, path
    if path != "/statistikk/":
        assert text in after, path


def test_reordering_collections_shows_at_once(world, run_consumers):
    curator = world["curator"]

    def second_collection():
        collection = curation.create_collection(by=curator, title="Samling om lesing")
        curation.add_to_collection(collection=collection, project=world["second"], by=curator)
        return curation.publish_collection(collection=collection, by=curator)

    later = run_consumers(second_collection)
    body, _response = get("/samlinger/")
    order = body.index("Velferdsteknologi i praksis") < body.index("Samling om lesing")
    run_consumers(lambda: curation.move_collection(collection=later, by=curator, direction="up"))
    body, response = get("/samlinger/")
    assert "X-Page-Cache" not in response
    assert (body.index("Velferdsteknologi i praksis") < body.index("Samling om lesing")) != order


def test_reordering_the_front_page_shows_at_once(world, run_consumers):
    curator = world["curator"]

    def feature_both():
        curation.feature_project(project=world["project"], by=curator)
        return curation.feature_project(project=world["second"], by=curator)

    second = run_consumers(feature_both)
    get("/")
    body, response = get("/")
    assert response["X-Page-Cache"] == "hit"
    order = body.index("Trygghetsalarm i Testby") < body.index("Lesehjelp i biblioteket")
    run_consumers(lambda: curation.move_feature(feature=second, by=curator, direction="up"))
    body, response = get("/")
    assert "X-Page-Cache" not in response
    assert (body.index("Trygghetsalarm i Testby") < body.index("Lesehjelp i biblioteket")) != order


@pytest.mark.parametrize("page", ["project", "adoption"])
def test_reported_experiences_show_at_once(world, run_consumers, page):
    adoption = run_consumers(lambda: _declare(world))
    path = (world["project"] if page == "project" else adoption).get_absolute_url()
    get(path)
    assert get(path)[1]["X-Page-Cache"] == "hit"
    run_consumers(
        lambda: diffusion.report_experiences(
            adoption=adoption, by=world["taker"], changed="", learned="Nattevakten trenger opplæring", benefits=[]
        )
    )
    body, response = get(path)
    assert "X-Page-Cache" not in response
    assert "Nattevakten trenger opplæring" in body


def test_a_deleted_account_leaves_the_organisation_page_at_once(world, run_consumers):
    path = world["other"].get_absolute_url()
    get(path)
    before, response = get(path)
    assert response["X-Page-Cache"] == "hit"
    run_consumers(lambda: account_services.delete_account(user=world["taker"]))
    after, response = get(path)
    assert "X-Page-Cache" not in response
    assert after != before  # one member fewer
