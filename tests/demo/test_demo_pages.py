"""Demo content is marked as example data wherever it appears: a banner on its pages, a badge in lists."""

from django.urls import reverse

from accounts.models import User
from demo.cases import CASES
from projects.models import Project

MARKER = "Eksempeldata"  # nb for «Example data», the badge next to a demo project in lists


def cases():
    return Project.objects.filter(title__in=[c.title for c in CASES], is_demo=True)


def test_every_case_page_shows_the_demo_notice(loaded, client):
    assert cases().count() == 22
    for project in cases():
        response = client.get(project.get_absolute_url())
        assert response.status_code == 200, project.title
        assert b"demo-notice" in response.content, project.title


def test_project_list_marks_every_demo_project(loaded, client):
    response = client.get(reverse("projects:list"))
    assert response.status_code == 200
    shown = len(response.context["page"].object_list)
    assert shown > 0
    assert response.content.decode().count(MARKER) >= shown


def test_history_page_of_a_demo_project_shows_the_demo_notice(loaded, client):
    client.force_login(User.objects.get(email="radgiver@kommune-a.example"))
    project = cases().filter(owner__name="Kommune A").first()
    response = client.get(reverse("projects:history", args=[project.slug]))
    assert response.status_code == 200
    assert b"demo-notice" in response.content


def test_edit_page_of_a_demo_project_shows_the_demo_notice(loaded, client):
    client.force_login(User.objects.get(email="radgiver@kommune-a.example"))
    project = cases().filter(owner__name="Kommune A").first()
    response = client.get(reverse("projects:edit", args=[project.slug]))
    assert response.status_code == 200
    assert b"demo-notice" in response.content


def test_my_projects_marks_demo_projects(loaded, client):
    client.force_login(User.objects.get(email="radgiver@kommune-a.example"))
    response = client.get(reverse("projects:mine"))
    assert response.status_code == 200
    shown = len(response.context["page"].object_list)
    assert shown > 0
    assert response.content.decode().count(MARKER) >= shown


def test_similar_projects_marks_demo_projects(loaded, client):
    client.force_login(User.objects.get(email="radgiver@kommune-a.example"))
    response = client.get(reverse("projects:similar"), {"title": "Nærværssamtalen", "summary": "fravær samtale"})
    assert response.status_code == 200
    assert "Nærværssamtalen" in response.content.decode()
    assert MARKER in response.content.decode()
