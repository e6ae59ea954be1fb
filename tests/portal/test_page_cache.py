"""The page cache (common.pagecache): anonymous visitors get cached public pages, and a change shows at once."""

import pytest
from django.middleware.csrf import get_token
from django.test import Client

from common.pagecache import site_changed
from projects import services
from projects.models import Project
from tests.projects.conftest import complete_fields, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


@pytest.fixture
def shown(run_consumers, organisation, editor):
    return run_consumers(
        lambda: make_project(owner=organisation, by=editor, title="Trygghetsalarm i Testby", state="published")
    )


def pages(project) -> list[str]:
    """Every cached public page that lists or shows the project."""
    return ["/", "/prosjekter/", project.get_absolute_url(), project.owner.get_absolute_url()]


def get(client: Client, path: str, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code in (200, 304), path
    return response


def test_a_second_anonymous_visit_is_served_from_the_cache(client, shown):
    for path in pages(shown):
        first = get(client, path)
        assert "X-Page-Cache" not in first, path
        second = get(Client(), path)
        assert second["X-Page-Cache"] == "hit", path
        assert "Trygghetsalarm i Testby" in second.content.decode(), path


def test_a_published_edit_shows_at_once_on_every_cached_page(client, shown, editor, run_consumers):
    for path in pages(shown):
        get(client, path)
    run_consumers(lambda: services.update_project(project=shown, by=editor, title="Nattilsyn med sensorer"))
    for path in pages(shown):
        body = get(Client(), path).content.decode()
        assert "Nattilsyn med sensorer" in body, path
        assert "Trygghetsalarm i Testby" not in body, path


def test_publishing_shows_at_once(client, organisation, editor, run_consumers):
    draft = run_consumers(lambda: make_project(owner=organisation, by=editor, title="Et nytt prosjekt om lesing"))
    assert "Et nytt prosjekt om lesing" not in get(client, "/prosjekter/").content.decode()
    draft.refresh_from_db()
    fields = complete_fields()
    run_consumers(lambda: services.update_project(project=draft, by=editor, **fields))
    run_consumers(lambda: services.publish_project(project=Project.objects.get(pk=draft.pk), by=editor))
    for path in ["/", "/prosjekter/", organisation.get_absolute_url()]:
        assert "Et nytt prosjekt om lesing" in get(Client(), path).content.decode(), path


def test_archiving_shows_at_once(client, shown, editor, run_consumers):
    get(client, "/prosjekter/")
    get(client, "/")
    before = get(client, shown.get_absolute_url()).content
    run_consumers(lambda: services.archive_project(project=shown, by=editor))
    assert "Trygghetsalarm i Testby" not in get(Client(), "/prosjekter/").content.decode()
    assert "Trygghetsalarm i Testby" not in get(Client(), "/").content.decode()
    after = get(Client(), shown.get_absolute_url())
    assert "X-Page-Cache" not in after
    assert after.content != before


def test_signed_in_visitors_never_get_a_cached_page(client, shown, editor, login):
    get(Client(), "/prosjekter/")
    assert get(Client(), "/prosjekter/")["X-Page-Cache"] == "hit"
    signed_in = login(editor)
    response = signed_in.get("/prosjekter/")
    assert "X-Page-Cache" not in response
    assert editor.email not in get(Client(), "/prosjekter/").content.decode()


def test_a_page_rendered_for_a_signed_in_visitor_is_not_stored(shown, editor, login):
    signed_in = login(editor)
    signed_in.get("/prosjekter/")
    response = get(Client(), "/prosjekter/")
    assert "X-Page-Cache" not in response  # a miss: nothing of the signed-in page was stored


def test_each_visitor_gets_their_own_csrf_token(client, shown):
    get(client, "/")
    other = Client(enforce_csrf_checks=True)
    response = get(other, "/")
    assert response["X-Page-Cache"] == "hit"
    body = response.content.decode()
    assert "__spre_csrf_token__" not in body
    token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    # The language switcher works with the token of the cached page, for this other visitor.
    switched = other.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302


def test_the_language_is_part_of_the_key(client, shown):
    assert 'lang="nb"' in get(client, "/").content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    assert '<html lang="en"' in get(english, "/").content.decode()
    assert '<html lang="nb"' in get(Client(), "/").content.decode()


def test_a_conditional_get_answers_304(client, shown):
    for path in pages(shown):
        first = get(client, path)
        assert first["ETag"] and first["Last-Modified"], path
        assert "private" in first["Cache-Control"], path  # no shared proxy keeps a visitor's CSRF token
        again = client.get(path, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, path
        assert again.content == b""


def test_a_change_ends_the_304(client, shown, editor, run_consumers):
    first = get(client, "/prosjekter/")
    site_changed()  # a new generation alone: the same page, still 304
    assert client.get("/prosjekter/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    run_consumers(lambda: services.update_project(project=shown, by=editor, title="Nattilsyn med sensorer"))
    again = client.get("/prosjekter/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert "Nattilsyn med sensorer" in again.content.decode()


def test_the_cache_can_be_switched_off(client, shown, settings):
    settings.PAGE_CACHE = False
    get(client, "/prosjekter/")
    assert "X-Page-Cache" not in get(Client(), "/prosjekter/")


def test_a_page_with_a_token_outside_a_form_field_is_not_stored(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from common.pagecache import public_page

    @public_page
    def view(request):
        return HttpResponse(f'<div data-token="{get_token(request)}"></div>')

    def visit():
        request = rf.get("/a-page/")
        request.user = AnonymousUser()
        return view(request)

    assert "X-Page-Cache" not in visit()
    assert "X-Page-Cache" not in visit()  # never stored: another visitor would get this one's token


def test_cached_counts_follow_a_change_for_signed_in_visitors(shown, editor, login, run_consumers, organisation):
    signed_in = login(editor)
    first = signed_in.get("/prosjekter/")
    assert first.context["page"].paginator.count == 1
    option = first.content.decode().split('name="phase" value="innovation"')[1].split("</label>")[0]
    assert '<span class="muted">(1)</span>' in option
    run_consumers(lambda: make_project(owner=organisation, by=editor, title="Et prosjekt til", state="published"))
    response = signed_in.get("/prosjekter/")
    assert response.context["page"].paginator.count == 2
    phases = {f.name: f for f in response.context["facets"]}["phase"]
    assert sum(option.count for option in phases.options) == 2
    # The facets' HTML is cached as well, and follows too.
    html = response.content.decode()
    option = html.split('name="phase" value="innovation"')[1].split("</label>")[0]
    assert '<span class="muted">(2)</span>' in option


def test_pages_live_in_their_own_cache_apart_from_the_rate_limits(client, shown):
    from django.core.cache import caches

    get(client, "/prosjekter/")
    caches["default"].clear()  # the rate limits' cache: the page is not in it
    assert get(Client(), "/prosjekter/")["X-Page-Cache"] == "hit"
    caches["pages"].clear()
    assert "X-Page-Cache" not in get(Client(), "/prosjekter/")
