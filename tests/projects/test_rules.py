"""Who may see and who may edit a project: one QuerySet method each, and the object checks agree."""

import pytest

from projects.models import Project

from ..conftest import CAST
from .conftest import make_project

WHO = CAST  # the co-owner editor is in the cast
# What each cast member may do with the cast's draft: (see, edit).
EXPECTED = {
    "anonymous": (False, False),
    "outsider": (False, False),
    "pending_member": (False, False),
    "member": (True, False),
    "editor": (True, True),
    "co_owner_editor": (True, True),
    "org_admin": (True, True),
    "curator": (True, True),
}


@pytest.mark.parametrize("who", WHO)
def test_single_object_checks_agree_with_the_querysets(who, cast_user, draft, published, archived, other_organisation):
    user = cast_user(who)
    foreign_draft = make_project(owner=other_organisation, title="Et annet utkast")
    visible = set(Project.objects.visible_to(user).values_list("pk", flat=True))
    editable = set(Project.objects.editable_by(user).values_list("pk", flat=True))
    for project in (draft, published, archived, foreign_draft):
        assert project.can_edit(user) == (project.pk in editable)
    assert (draft.pk in visible, draft.pk in editable) == EXPECTED[who]
    assert {published.pk, archived.pk} <= visible  # published and archived projects are public
    assert editable <= visible  # whoever may edit a project may also see it
    assert (foreign_draft.pk in visible) == (who == "curator")
