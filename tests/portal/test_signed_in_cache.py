"""Signed-in pages with the cache on: what is cached for them (the header's count, «Mine sider», the notification
list, the project list's filters and results, the project page's story, the user's own row) changes at once with
what it shows, and what depends on the user's rights stays theirs."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from municipalities import services as memberships
from municipalities.models import Membership
from notifications.models import Follow, Kind
from notifications.services import follow, mark_read, notify
from projects.models import Project
from tests.factories import PASSWORD, make_membership, make_user
from tests.projects.conftest import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE = True


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def unread_badge(html: str) -> str | None:
    found = re.search(r'header-count">(\d+)<', html)
    return found.group(1) if found else None


def test_the_unread_count_follows_new_and_read_notifications(member):
    client = signed_in(member)
    assert unread_badge(page(client, "/om/")) is None
    notify(recipients=[member], kind=Kind.COMMENTS, text="Noe skjedde", email=False)
    assert unread_badge(page(client, "/om/")) == "1"
    notify(recipients=[member], kind=Kind.COMMENTS, text="Noe mer skjedde", email=False)
    assert unread_badge(page(client, "/om/")) == "2"
    assert "Noe mer skjedde" in page(client, "/varsler/")
    mark_read(user=member)
    assert unread_badge(page(client, "/om/")) is None
    assert "notification--unread" not in page(client, "/varsler/")


def test_one_users_cached_parts_are_never_anothers(member, editor):
    notify(recipients=[member], kind=Kind.COMMENTS, text="Bare for medlemmet", email=False)
    member_client, editor_client = signed_in(member), signed_in(editor)
    for path in ("/om/", "/varsler/", "/mine-sider/"):
        page(member_client, path)
    assert "Bare for medlemmet" not in page(editor_client, "/varsler/")
    assert unread_badge(page(editor_client, "/om/")) is None
    assert "member@example.org" not in page(editor_client, "/mine-sider/")


def test_my_pages_show_a_new_follow_and_a_new_membership_at_once(member, published, other_organisation, committed):
    client = signed_in(member)
    html = page(client, "/mine-sider/")
    assert published.title not in html and other_organisation.name not in html
    follow(user=member, target=Follow.Target.PROJECT, obj=published)
    assert published.title in page(client, "/mine-sider/")
    with committed():
        memberships.request_membership(user=member, organisation=other_organisation)
    assert other_organisation.name in page(client, "/mine-sider/")


def test_cached_forms_carry_each_browsers_own_token(member, published):
    """The same user in two browsers: «Mine sider» comes from the cache for the second, with its own token."""
    follow(user=member, target=Follow.Target.PROJECT, obj=published)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.login(email=member.email, password=PASSWORD)
    page(first, "/mine-sider/")
    html = page(second, "/mine-sider/")
    follow_row = Follow.objects.get(user=member)
    form = re.search(rf'action="/folg/{follow_row.pk}/slutt/".*?value="([^"]+)"', html, re.S)
    assert form, "the unfollow form is on the page"
    response = second.post(f"/folg/{follow_row.pk}/slutt/", {"csrfmiddlewaretoken": form.group(1)})
    assert response.status_code == 302
    assert not Follow.objects.filter(user=member).exists()


def test_the_list_offers_what_the_users_role_allows(member, organisation, org_admin, committed):
    client = signed_in(member)
    assert "Be om redaktørrolle" in page(client, "/prosjekter/")
    with committed():
        memberships.change_role(
            membership=Membership.objects.get(user=member, organisation=organisation),
            role=Membership.Role.EDITOR,
            by=org_admin,
        )
    html = page(client, "/prosjekter/")
    assert "Be om redaktørrolle" not in html and "Registrer et prosjekt" in html


def test_a_new_project_shows_at_once_in_the_list_for_signed_in_users(member, organisation, editor, committed):
    client = signed_in(member)
    assert "Nattlig tilsyn med sensorer" not in page(client, "/prosjekter/")
    with committed():
        make_project(owner=organisation, by=editor, title="Nattlig tilsyn med sensorer", state="published")
    assert "Nattlig tilsyn med sensorer" in page(client, "/prosjekter/")


def test_the_facets_like_my_municipality_are_the_users_own(member, organisation, other_organisation, monkeypatch):
    """«Municipalities like mine» names the user's municipality: cached per home municipality, never shown to
    anonymous visitors or to members of another municipality."""
    monkeypatch.setattr("municipalities.similarity.similar_municipalities", lambda municipality: [other_organisation])
    stranger = make_user(email="asker@example.org")
    make_membership(user=stranger, organisation=other_organisation)
    mine = page(signed_in(member), "/prosjekter/")
    assert f"kommuner som ligner på {organisation.name}" in mine.lower() or organisation.name in mine
    assert 'name="similar"' in mine
    anonymous = page(Client(), "/prosjekter/")
    assert 'name="similar"' not in anonymous
    theirs = page(signed_in(stranger), "/prosjekter/")
    assert 'name="similar"' in theirs
    similar_labels = re.findall(r'for="id_similar_1">([^<]+)<', theirs)
    assert similar_labels and organisation.name not in similar_labels[0]


def test_project_page_keeps_edit_buttons_and_drafts_to_those_who_may(published, draft, editor, outsider, member):
    edit_url = f"/prosjekter/{published.slug}/rediger/"
    assert edit_url in page(signed_in(editor), published.get_absolute_url())
    outsider_html = page(signed_in(outsider), published.get_absolute_url())  # the story now from the cache
    assert edit_url not in outsider_html
    assert published.title in outsider_html
    assert signed_in(outsider).get(draft.get_absolute_url()).status_code == 404
    assert draft.title in page(signed_in(member), draft.get_absolute_url())


def test_the_follow_button_is_the_users_own(published, outsider, member):
    follow(user=outsider, target=Follow.Target.PROJECT, obj=published)
    assert 'aria-pressed="true"' in page(signed_in(outsider), published.get_absolute_url())
    assert 'aria-pressed="true"' not in page(signed_in(member), published.get_absolute_url())


def test_an_edit_shows_at_once_on_the_signed_in_project_page(published, editor, outsider, committed):
    from projects import services

    client = signed_in(outsider)
    page(client, published.get_absolute_url())
    with committed():
        services.update_project(project=published, by=editor, need="Ny tekst om behovet")
    assert "Ny tekst om behovet" in page(client, published.get_absolute_url())


# The cached row of the signed-in user


def test_a_password_changed_elsewhere_ends_the_other_sessions(member):
    client = signed_in(member)
    page(client, "/mine-sider/")  # the row is cached now
    member.set_password("another-long-password-2026")
    member.save()
    assert client.get("/mine-sider/").status_code == 302


def test_a_deactivated_user_is_signed_out_at_once(member):
    client = signed_in(member)
    page(client, "/mine-sider/")
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get("/mine-sider/").status_code == 302


def test_a_new_name_shows_at_once(member):
    client = signed_in(member)
    page(client, "/konto/profil/")
    client.post("/konto/profil/", {"full_name": "Mona Medlem", "job_title": ""})
    assert "Mona Medlem" in page(client, "/konto/profil/")


def test_the_password_hash_is_not_in_the_cache(member):
    from accounts.middleware import KEY
    from common.pagecache import page_cache as cache

    page(signed_in(member), "/om/")
    entry = cache.get(KEY.format(member.pk))
    assert entry is not None
    assert member.password not in repr(entry)


# Queries


def count(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


def test_cached_signed_in_pages_cost_no_query(member, published):
    client = signed_in(member)
    for path in ("/prosjekter/", "/mine-sider/", "/varsler/", "/om/"):
        count(client, path)
        assert count(client, path) == 0, path


def test_signed_in_queries_do_not_grow_with_projects(member, organisation, editor, published, settings):
    settings.PAGE_CACHE = False  # every query, as on a first visit
    client = signed_in(member)
    paths = ["/prosjekter/", "/mine-sider/", "/varsler/", published.get_absolute_url(), organisation.get_absolute_url()]
    few = {path: count(client, path) for path in paths}
    for n in range(3):
        make_project(owner=organisation, by=editor, title=f"Sensorer nummer {n}", state=Project.State.PUBLISHED)
    many = {path: count(client, path) for path in paths}
    assert many == few


def test_a_draft_copy_shows_in_the_lineage_only_to_those_who_may_see_it(published, other_organisation, outsider):
    """The lineage is cached per what decides the drafts one sees: the copying municipality's members see their
    draft copy under the source; an outsider, served after them, does not."""
    from diffusion.services import copy_project

    copier = make_user(email="copier@example.org")
    make_membership(user=copier, organisation=other_organisation, role=Membership.Role.EDITOR)
    copy = copy_project(source=published, into=other_organisation, by=copier)
    assert copy.is_draft
    assert copy.get_absolute_url() in page(signed_in(copier), published.get_absolute_url())
    assert copy.get_absolute_url() not in page(signed_in(outsider), published.get_absolute_url())
