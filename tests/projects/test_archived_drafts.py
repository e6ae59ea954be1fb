"""A project archived straight from draft was never published: it stays visible only to those who could see the
draft (members of the owner organisations, curators). A project published and then archived stays public, marked
as archived, behind «Show archived»."""

import pytest
from django.core.exceptions import ValidationError

from diffusion.models import Adoption
from diffusion.services import declare_adoption
from projects.models import Project

PROJECTS_API = "/api/v1/projects/"


def test_listed_leaves_out_projects_archived_from_draft(archived_draft, archived, published):
    assert set(Project.objects.listed()) == {archived, published}
    assert (archived_draft.is_listed, archived.is_listed, published.is_listed) == (False, True, True)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "pending_member", "member", "co_owner_editor", "curator"])
def test_an_archived_draft_is_visible_to_those_who_could_see_the_draft(cast_user, who, archived_draft, archived):
    seen = set(Project.objects.visible_to(cast_user(who)))
    assert archived in seen
    assert (archived_draft in seen) == (who in {"member", "co_owner_editor", "curator"})


def test_the_page_of_an_archived_draft_is_404_for_outsiders_and_says_so_to_members(
    client, outsider, member, archived_draft
):
    url = archived_draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    page = client.get(url).content.decode()
    assert "aldri publisert" in page


def test_the_project_list_shows_archived_only_if_they_were_published(client, archived_draft, archived):
    page = client.get("/prosjekter/?archived=on").content.decode()
    assert archived.title in page
    assert archived_draft.title not in page


def test_the_api_leaves_out_archived_drafts(client, archived_draft, archived):
    slugs = {p["slug"] for p in client.get(f"{PROJECTS_API}?archived=on").json()["results"]}
    assert slugs == {archived.slug}
    assert client.get(f"{PROJECTS_API}{archived_draft.slug}/").status_code == 404
    assert client.get(f"{PROJECTS_API}{archived.slug}/").status_code == 200


def test_the_organisation_page_shows_an_archived_draft_only_to_members(client, member, organisation, archived_draft):
    url = organisation.get_absolute_url()
    assert archived_draft.title not in client.get(url).content.decode()
    client.force_login(member)
    assert archived_draft.title in client.get(url).content.decode()


def test_an_archived_draft_cannot_be_taken_into_use_nor_counted(other_organisation, archived_draft, archived):
    with pytest.raises(ValidationError):
        declare_adoption(source=archived_draft, organisation=other_organisation, by=None)
    declare_adoption(source=archived, organisation=other_organisation, by=None)
    # an adoption recorded before the rule (or by a curator in the admin) still does not count in public
    Adoption.objects.create(
        source=archived_draft,
        organisation=other_organisation,
        kind=Adoption.Kind.ADAPTED,
        status=Adoption.Status.IN_USE,
        is_counted=True,
    )
    assert list(Adoption.objects.counted().of_listed_sources().values_list("source", flat=True)) == [archived.pk]


def test_archiving_a_draft_says_it_stays_with_the_organisation(client, editor, draft):
    client.force_login(editor)
    text = client.get(f"/prosjekter/{draft.slug}/arkiver/").content.decode()
    assert "aldri blitt publisert" in text
    assert "Vis arkiverte" not in text
