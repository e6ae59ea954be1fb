"""Query counts stay small and constant however many rows a page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from municipalities.models import Membership, Organisation

from ..factories import make_email_domain, make_membership


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def _fill(organisation, members: int, pending: int = 2, rejected: int = 2):
    for _ in range(members):
        make_membership(organisation=organisation)
    for _ in range(pending):
        make_membership(organisation=organisation, status=Membership.Status.PENDING)
    for _ in range(rejected):
        make_membership(organisation=organisation, status=Membership.Status.REJECTED)


def test_municipality_list_of_the_whole_registry_uses_few_queries(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/kommuner/")
    assert response.context["count"] == 357 + 15


def test_municipality_list_with_old_number_uses_few_queries(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/kommuner/", {"q": "1507"})
    assert response.context["resolution"].is_split


def test_municipality_page_uses_few_queries(client, registry, django_assert_max_num_queries, member):
    baerum = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, number="3201")
    client.force_login(member)
    # 12, unread notifications, two for «kommuner som ligner», the spreading section, the follow button
    with django_assert_max_num_queries(17):
        assert client.get(baerum.get_absolute_url()).status_code == 200


def test_county_authority_page_uses_few_queries(client, registry, django_assert_max_num_queries):
    trondelag = Organisation.objects.get(kind=Organisation.Kind.COUNTY_AUTHORITY, number="50")
    with django_assert_max_num_queries(8):
        response = client.get(trondelag.get_absolute_url())
    assert len(response.context["county_municipalities"]) == 38


def test_member_admin_page_query_count_does_not_grow_with_members(client, organisation, other_organisation, org_admin):
    make_membership(user=org_admin, organisation=other_organisation, role=Membership.Role.ADMIN)
    _fill(organisation, members=30)
    _fill(other_organisation, members=3)
    make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    make_email_domain(organisation=other_organisation, domain="asker.kommune.no")
    client.force_login(org_admin)
    many = _queries(client, organisation.members_url)
    few = _queries(client, other_organisation.members_url)
    assert many == few
    assert many <= 11  # 10, and the unread count of notifications in the header


@pytest.mark.parametrize("who", ["member", "org_admin", "curator"])
def test_my_pages_query_count_does_not_grow_with_memberships(
    client, organisation, other_organisation, cast_user, who, django_assert_max_num_queries
):
    user = cast_user(who)
    client.force_login(user)
    _fill(organisation, members=0, pending=5)
    before = _queries(client, "/mine-sider/")
    make_membership(user=user, organisation=other_organisation, role=Membership.Role.ADMIN)
    _fill(other_organisation, members=0, pending=5)
    assert _queries(client, "/mine-sider/") == before
    with django_assert_max_num_queries(10):  # and what the user follows, reports waiting for moderators
        client.get("/mine-sider/")
