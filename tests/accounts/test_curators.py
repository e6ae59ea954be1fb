"""A curator can act in Django's admin: the «Administrasjon» link leads somewhere useful."""

import pytest
from django.contrib.auth.models import Group

from accounts.curators import CURATOR_GROUP
from projects.models import Term

from ..factories import make_user

CHANGELISTS = [
    "/admin/projects/term/",
    "/admin/municipalities/organisation/",
    "/admin/municipalities/membership/",
    "/admin/projects/project/",
]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_a_curator_can_open_the_changelists(client, curator, url):
    client.force_login(curator)
    assert client.get(url).status_code == 200


def test_a_curator_can_add_a_term(client, curator):
    client.force_login(curator)
    assert client.get("/admin/projects/term/add/").status_code == 200
    response = client.post(
        "/admin/projects/term/add/",
        {
            "vocabulary": Term.Vocabulary.METHOD,
            "name": "Gevinstkartlegging i team",
            "slug": "gevinstkartlegging-i-team",
            "order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Term.objects.filter(vocabulary=Term.Vocabulary.METHOD, slug="gevinstkartlegging-i-team").exists()


def test_the_group_makes_a_staff_user_a_curator(db):
    user = make_user(is_staff=True)
    assert not user.is_curator
    user.groups.add(Group.objects.get(name=CURATOR_GROUP))  # created by migration accounts/0003
    user = type(user).objects.get(pk=user.pk)
    assert user.is_curator
    assert user.has_perms(["projects.add_term", "municipalities.change_organisation", "projects.change_project"])
