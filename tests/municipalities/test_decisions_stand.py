"""A rejection or removal stands until an administrator reverses it: asking again, or verifying an address
on the organisation's email domain, sends the request to the administrators instead of letting the person in."""

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed

from municipalities.models import Membership
from municipalities.services import approve_by_email_domain

from ..factories import make_email_domain, make_membership, make_user


@pytest.fixture
def domain(organisation):
    return make_email_domain(organisation=organisation, domain="baerum.kommune.no")


@pytest.fixture
def colleague(organisation, domain):
    """A member with a verified address on the organisation's verified domain."""
    user = make_user(email="ola@baerum.kommune.no", full_name="Ola Kollega")
    make_membership(user=user, organisation=organisation)
    return user


def _remove(client, admin, membership):
    client.force_login(admin)
    return client.post(f"/medlemskap/{membership.pk}/fjern/")


def test_removed_member_asking_again_is_not_auto_approved_but_pending(client, organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    _remove(client, org_admin, membership)
    client.force_login(colleague)
    response = client.post(organisation.join_url, {"message": "Jeg vil inn igjen"})
    assert response["Location"] == "/mine-sider/"
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert membership.previous_status == Membership.Status.REMOVED
    assert membership in Membership.objects.awaiting_decision_by(org_admin)


def test_rejected_person_asking_again_is_not_auto_approved(client, organisation, domain):
    user = make_user(email="kari@baerum.kommune.no")
    membership = make_membership(user=user, organisation=organisation, status=Membership.Status.REJECTED)
    client.force_login(user)
    client.post(organisation.join_url, {"message": ""})
    membership.refresh_from_db()
    assert (membership.status, membership.previous_status) == (Membership.Status.PENDING, Membership.Status.REJECTED)


def test_confirming_another_address_does_not_approve_a_renewed_request(client, organisation, domain):
    user = make_user(email="kari@example.org")
    membership = make_membership(user=user, organisation=organisation, status=Membership.Status.REJECTED)
    client.force_login(user)
    client.post(organisation.join_url, {"message": ""})
    address = EmailAddress.objects.create(user=user, email="kari@baerum.kommune.no", verified=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert approve_by_email_domain(user=user) == []
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_removed_member_is_not_let_back_in_by_confirming_an_address(organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    membership.status = Membership.Status.REMOVED
    membership.save()
    assert approve_by_email_domain(user=colleague) == []
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED


def test_admin_reverses_the_decision_by_approving_the_new_request(client, organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    _remove(client, org_admin, membership)
    client.force_login(colleague)
    client.post(organisation.join_url, {"message": ""})
    client.force_login(org_admin)
    client.post(f"/medlemskap/{membership.pk}/avgjor/", {"decision": "approve", "role": "member"})
    membership.refresh_from_db()
    assert (membership.status, membership.previous_status) == (Membership.Status.APPROVED, "")


def test_withdrawing_a_renewed_request_restores_the_removal(client, organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    _remove(client, org_admin, membership)
    client.force_login(colleague)
    client.post(organisation.join_url, {"message": ""})
    client.post(f"/medlemskap/{membership.pk}/fjern/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED
    client.post(organisation.join_url, {"message": ""})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_a_refusal_cannot_be_deleted_by_the_refused_person(client, organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    _remove(client, org_admin, membership)
    client.force_login(colleague)
    client.post(f"/medlemskap/{membership.pk}/fjern/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED


def test_member_who_leaves_voluntarily_may_rejoin_through_the_domain(client, organisation, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    client.force_login(colleague)
    client.post(f"/medlemskap/{membership.pk}/fjern/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.post(organisation.join_url, {"message": ""})
    assert Membership.objects.get(user=colleague, organisation=organisation).status == Membership.Status.APPROVED


def test_admin_sees_who_asks_again_after_a_removal(client, organisation, org_admin, colleague):
    membership = Membership.objects.get(user=colleague, organisation=organisation)
    _remove(client, org_admin, membership)
    client.force_login(colleague)
    client.post(organisation.join_url, {"message": ""})
    client.force_login(org_admin)
    assert "Ber om å bli medlem igjen etter å ha blitt fjernet" in client.get(organisation.members_url).content.decode()
