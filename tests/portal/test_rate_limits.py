"""Posting is rate limited per user; the limit answers 429 with a Norwegian page, and nothing is saved."""

from municipalities.models import Membership

from ..factories import make_organisation


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
