from demo.opendays import load_demo_open_days
from opendays.models import DigitalVisit, OpenDay


def test_the_demo_has_upcoming_open_days_some_digital_all_example_data(client):
    open_days = OpenDay.objects.listed().upcoming()
    assert open_days.count() == 4
    assert open_days.filter(kind=OpenDay.Kind.DIGITAL).count() == 2
    assert not OpenDay.objects.filter(is_demo=False).exists()
    assert DigitalVisit.objects.count() == 1
    html = client.get("/visningsdager/").content.decode()
    assert "Eksempeldata" in html and open_days.first().title in html


def test_loading_the_demo_open_days_again_creates_nothing(db):
    assert load_demo_open_days() == 0
