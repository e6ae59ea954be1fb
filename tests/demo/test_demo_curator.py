"""The demo's curator can act in the admin, and the demo prints a superuser as well."""

from accounts.curators import CURATOR_GROUP
from accounts.models import User
from demo.people import DEMO_SUPERUSER


def test_the_demo_curator_is_in_the_curators_group(client):
    curator = User.objects.get(email="kurator@spre.example")
    assert curator.is_curator and curator.groups.filter(name=CURATOR_GROUP).exists()
    client.force_login(curator)
    assert client.get("/admin/projects/term/add/").status_code == 200


def test_the_demo_has_a_superuser():
    assert User.objects.get(email=DEMO_SUPERUSER[0]).is_superuser
