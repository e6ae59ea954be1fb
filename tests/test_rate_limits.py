"""Posting is rate limited per user (membership requests, projects, email domains); the limit answers 429
with a Norwegian page, and nothing is saved."""

from municipalities.models import EmailDomain, Membership
from projects.models import Project

from .factories import make_organisation
from .projects.conftest import make_project
from .projects.helpers import edit_data


def test_membership_requests_are_rate_limited(client, outsider, county):
    client.force_login(outsider)
    organisations = [make_organisation(county=county) for _ in range(21)]
    for organisation in organisations[:20]:
        response = client.post(organisation.join_url, {"message": ""})
        assert response.status_code == 302
    response = client.post(organisations[20].join_url, {"message": ""})
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
    assert not Membership.objects.filter(user=outsider, organisation=organisations[20]).exists()


def test_reading_is_not_rate_limited(client, outsider, organisation):
    client.force_login(outsider)
    for _ in range(25):
        assert client.get(organisation.join_url).status_code == 200


def test_creating_projects_is_rate_limited(client, editor, organisation):
    client.force_login(editor)
    for _ in range(30):  # invalid posts count too: the limit is on posting, not on success
        assert client.post("/prosjekter/ny/", {"title": "", "owner": organisation.pk}).status_code == 200
    response = client.post("/prosjekter/ny/", {"title": "Ett prosjekt for mye", "owner": organisation.pk})
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
    assert not Project.objects.filter(title="Ett prosjekt for mye").exists()


def test_editing_projects_is_rate_limited(client, editor, organisation):
    project = make_project(owner=organisation, title="Redigert ofte")
    client.force_login(editor)
    # Every post to the edit view counts, also those that fail (here cheaply: an unknown project).
    for _ in range(120):
        assert client.post("/prosjekter/finnes-ikke/rediger/", {"title": ""}).status_code == 404
    response = client.post(f"/prosjekter/{project.slug}/rediger/", edit_data(project, title="Én endring for mye"))
    assert response.status_code == 429
    project.refresh_from_db()
    assert project.title == "Redigert ofte"


def test_adding_email_domains_is_rate_limited(client, org_admin, organisation):
    client.force_login(org_admin)
    url = organisation.get_url("domain_add")
    for _ in range(30):
        assert client.post(url, {"domain": "gmail.com"}).status_code == 400
    response = client.post(url, {"domain": "baerum.kommune.no"})
    assert response.status_code == 429
    assert not EmailDomain.objects.filter(domain="baerum.kommune.no").exists()


def test_the_limit_is_per_user(client, editor, org_admin, organisation):
    client.force_login(editor)
    for _ in range(30):
        client.post("/prosjekter/ny/", {"title": "", "owner": organisation.pk})
    assert client.post("/prosjekter/ny/", {"title": "", "owner": organisation.pk}).status_code == 429
    client.force_login(org_admin)
    assert client.post("/prosjekter/ny/", {"title": "", "owner": organisation.pk}).status_code == 200
