from demo.adoptions import CASE_ADOPTIONS, DRAFTS, generate_adoptions, load_demo_adoptions
from diffusion.models import Adoption
from municipalities.models import Organisation


def test_the_cases_that_spread_have_adoptions_all_marked_as_example_data():
    case_adoptions = Adoption.objects.filter(source__tags__name="Case fra studien")
    assert case_adoptions.count() == len(CASE_ADOPTIONS) + len(DRAFTS)
    assert not Adoption.objects.filter(is_demo=False).exists()
    assert not Adoption.objects.filter(organisation__in=Organisation.objects.registry()).exists()
    assert case_adoptions.confirmed().count() >= 8
    assert Adoption.objects.filter(own_project__isnull=False).count() == len(DRAFTS)


def test_loading_again_creates_nothing():
    before = Adoption.objects.count()
    assert load_demo_adoptions() == 0
    assert generate_adoptions(1) == 0
    assert Adoption.objects.count() == before


def test_the_spreading_page_and_a_project_with_adopters_show_the_demo(client):
    page = client.get("/spredning/")
    assert page.status_code == 200
    assert "Kommune E" in page.text
    source = Adoption.objects.counted().confirmed().first().source
    assert client.get(source.get_absolute_url()).status_code == 200
