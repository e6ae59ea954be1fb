"""Every project URL × the cast: anonymous, outsider, pending member, member, editor of the owner,
editor of a co-owner, organisation admin and curator. LOGIN = redirect to the login page."""

import pytest

from projects.models import Project

from .conftest import make_project

LOGIN = "login"
CAST = [
    "anonymous",
    "outsider",
    "pending_member",
    "member",
    "editor",
    "co_owner_editor",
    "org_admin",
    "curator",
]
EDITORS = {"editor", "co_owner_editor", "org_admin", "curator"}


def expect(default, **overrides):
    return {**dict.fromkeys(CAST, default), **overrides}


def public_read():
    return expect(200)


def draft_read():
    """Drafts: members of the owner organisations and curators; 404 for everybody else."""
    return expect(404, member=200, editor=200, co_owner_editor=200, org_admin=200, curator=200)


def edit_published(ok):
    """Published projects: visible to all, so 403 for those who may not edit, login first for anonymous."""
    return expect(403, anonymous=LOGIN, **dict.fromkeys(EDITORS, ok))


def edit_draft(ok):
    return expect(404, anonymous=LOGIN, member=403, **dict.fromkeys(EDITORS, ok))


MATRIX = [
    ("list", "GET", lambda p: "/prosjekter/", public_read()),
    ("mine", "GET", lambda p: "/mine-prosjekter/", expect(200, anonymous=LOGIN)),
    # Creating needs an editor or admin role somewhere (the co-owner editor has one in Lillevik).
    ("create", "GET", lambda p: "/prosjekter/ny/", expect(403, anonymous=LOGIN, **dict.fromkeys(EDITORS, 200))),
    ("similar", "GET", lambda p: "/prosjekter/ny/lignende/?title=tilsyn", expect(200, anonymous=LOGIN)),
    ("detail-published", "GET", lambda p: p["published"].get_absolute_url(), public_read()),
    ("detail-archived", "GET", lambda p: p["archived"].get_absolute_url(), public_read()),
    ("detail-draft", "GET", lambda p: p["draft"].get_absolute_url(), draft_read()),
    ("edit-published", "GET", lambda p: f"/prosjekter/{p['published'].slug}/rediger/", edit_published(200)),
    ("edit-draft", "GET", lambda p: f"/prosjekter/{p['draft'].slug}/rediger/", edit_draft(200)),
    ("history-published", "GET", lambda p: f"/prosjekter/{p['published'].slug}/historikk/", edit_published(200)),
    ("history-draft", "GET", lambda p: f"/prosjekter/{p['draft'].slug}/historikk/", edit_draft(200)),
    ("publish-draft", "POST", lambda p: f"/prosjekter/{p['complete'].slug}/publiser/", edit_draft(302)),
    ("archive-published", "POST", lambda p: f"/prosjekter/{p['published'].slug}/arkiver/", edit_published(302)),
    ("unarchive", "POST", lambda p: f"/prosjekter/{p['archived'].slug}/gjenopprett/", edit_published(302)),
    (
        "restore-version",
        "POST",
        lambda p: f"/prosjekter/{p['published'].slug}/historikk/1/gjenopprett/",
        edit_published(302),
    ),
    ("document-published", "GET", lambda p: p["published_doc"], public_read()),
    ("document-draft", "GET", lambda p: p["draft_doc"], draft_read()),
    ("image-draft", "GET", lambda p: p["draft_image"], draft_read()),
]


@pytest.fixture
def projects(organisation, co_owner_organisation, draft, published, archived, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from projects import services

    from .test_uploads import PDF, PNG

    settings.MEDIA_ROOT = tmp_path
    complete = make_project(owner=organisation, title="Klart til publisering", summary="Et sammendrag")
    services.update_project(project=complete, by=None, **_complete())
    complete.co_owners.add(co_owner_organisation)
    for project in (published, draft):
        services.update_project(
            project=project,
            by=None,
            documents=[{"title": "Rapport", "kind": "research", "file": SimpleUploadedFile("r.pdf", PDF)}],
            images=[{"image": SimpleUploadedFile("b.png", PNG), "alt_text": "Et bilde", "content_type": "image/png"}],
        )
    return {
        "draft": draft,
        "published": published,
        "archived": archived,
        "complete": complete,
        "published_doc": published.documents.get().get_absolute_url(),
        "draft_doc": draft.documents.get().get_absolute_url(),
        "draft_image": draft.images.get().get_absolute_url(),
    }


def _complete():
    from .conftest import complete_fields

    fields = complete_fields()
    fields.pop("summary")
    return fields


@pytest.mark.parametrize("who", CAST)
@pytest.mark.parametrize(("name", "method", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(client, request, projects, who, name, method, url, expected, co_owner_editor):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if user is not None:
        client.force_login(user)
    target = url(projects)
    response = client.post(target) if method == "POST" else client.get(target)
    want = expected[who]
    if want == LOGIN:
        assert response.status_code == 302
        assert "/konto/login/" in response["Location"]
    else:
        assert response.status_code == want, f"{who} {method} {target}"


def test_every_project_url_is_in_the_matrix():
    from django.urls import get_resolver

    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    project_names = {n.split(":", 1)[1] for n in names if n.startswith("projects:")}
    covered = {"list", "mine", "create", "similar", "detail", "edit", "history", "publish", "archive"}
    covered |= {"unarchive", "restore_version", "document", "image"}
    assert project_names <= covered, project_names - covered


def test_state_changes_need_post(client, editor, projects):
    client.force_login(editor)
    assert client.get(f"/prosjekter/{projects['complete'].slug}/publiser/").status_code == 405
    assert Project.objects.get(pk=projects["complete"].pk).is_draft
