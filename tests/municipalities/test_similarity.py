"""«Kommuner som ligner din»: same size band, nearest first, shown on the municipality page with what they shared."""

from decimal import Decimal

from municipalities.similarity import band, distance_km, similar_municipalities
from projects.models import Project
from tests.factories import make_organisation

from ..projects.conftest import make_project


def place(name, population, lat, lon, county):
    return make_organisation(
        name=name, population=population, latitude=Decimal(lat), longitude=Decimal(lon), county=county
    )


def test_bands_match_the_filter():
    assert [band(n) for n in (4999, 5000, 19999, 20000, 50000, None)] == [0, 1, 1, 2, 3, None]


def test_similar_municipalities_have_the_same_size_and_come_nearest_first(county):
    home = place("Hjemby", 12000, "60.0", "10.0", county)
    near = place("Nærby", 15000, "60.1", "10.1", county)
    far = place("Fjernby", 9000, "69.0", "18.0", county)
    place("Storby", 120000, "60.05", "10.05", county)  # near, but another size
    assert similar_municipalities(home) == [near, far]
    assert 10 < distance_km(home, near) < 15


def test_the_municipality_page_shows_them_and_what_they_shared(client, county):
    home = place("Hjemby", 12000, "60.0", "10.0", county)
    near = place("Nærby", 15000, "60.1", "10.1", county)
    make_project(owner=near, title="Delt prosjekt", state=Project.State.PUBLISHED)
    page = client.get(home.get_absolute_url()).content.decode()
    section = page.split('id="similar-municipalities-heading"')[1]
    assert "Kommuner som ligner" in page
    assert "Nærby" in section and "1 prosjekt" in section
    assert f"/prosjekter/?owner={near.pk}" in section


def test_a_member_can_narrow_the_list_to_municipalities_like_theirs(client, county, login):
    from municipalities.models import Membership
    from tests.factories import make_user

    home = place("Hjemby", 12000, "60.0", "10.0", county)
    near = place("Nærby", 15000, "60.1", "10.1", county)
    big = place("Storby", 120000, "60.05", "10.05", county)
    make_project(owner=near, title="Fra en lik kommune", state=Project.State.PUBLISHED)
    make_project(owner=big, title="Fra en stor kommune", state=Project.State.PUBLISHED)
    user = make_user(email="medlem@hjemby.example", full_name="Mia Medlem")
    Membership.objects.create(user=user, organisation=home, status=Membership.Status.APPROVED)
    assert "Kommuner som ligner min" not in client.get("/prosjekter/").content.decode()  # anonymous: not offered
    assert len(client.get("/prosjekter/", {"similar": "on"}).context["page"].object_list) == 2  # and ignored
    login(user)
    page = client.get("/prosjekter/").content.decode()
    assert "Bare prosjekter fra kommuner som ligner Hjemby" in page
    response = client.get("/prosjekter/", {"similar": "on"})
    assert [p.title for p in response.context["page"].object_list] == ["Fra en lik kommune"]
    assert any("Kommuner som ligner min" in chip.label for chip in response.context["chips"])
