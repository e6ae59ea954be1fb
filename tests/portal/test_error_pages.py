"""Error pages are in Norwegian and in the site's layout (DEBUG is off in the test suite)."""


def test_not_found_page_is_norwegian_and_helpful(client, db):
    response = client.get("/prosjekter/finnes-ikke/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Fant ikke siden" in body
    assert 'href="/prosjekter/"' in body


def test_forbidden_page_explains_roles(client, member, organisation):
    client.force_login(member)
    response = client.get(organisation.members_url)
    assert response.status_code == 403
    assert "Ingen tilgang" in response.content.decode()
