"""Membership workflows through the real views: request, decide, roles, leaving, email domains."""

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.messages import get_messages

from municipalities.forms import EmailDomainForm
from municipalities.models import EmailDomain, Membership, Organisation
from municipalities.services import approve_by_email_domain

from ..factories import make_email_domain, make_membership, make_organisation, make_user


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _decide(client, membership, decision, role=""):
    return client.post(f"/medlemskap/{membership.pk}/avgjor/", {"decision": decision, "role": role})


@pytest.fixture
def request_from_outsider(organisation, outsider):
    return make_membership(user=outsider, organisation=organisation, status=Membership.Status.PENDING)


def test_outsider_can_ask_to_join(client, organisation, outsider):
    client.force_login(outsider)
    response = client.post(organisation.join_url, {"message": "Jeg jobber med innovasjon."})
    assert response.status_code == 302
    assert response["Location"] == "/mine-sider/"
    membership = Membership.objects.get(user=outsider, organisation=organisation)
    assert membership.status == Membership.Status.PENDING
    assert membership.role == Membership.Role.MEMBER
    assert membership.message == "Jeg jobber med innovasjon."


def test_asking_twice_keeps_one_pending_request(client, organisation, pending_member):
    client.force_login(pending_member)
    response = client.post(organisation.join_url, {"message": "igjen"})
    assert response["Location"] == organisation.get_absolute_url()
    assert Membership.objects.filter(user=pending_member, organisation=organisation).count() == 1


def test_org_admin_approves_request_with_role_and_requester_gets_email(
    client, org_admin, request_from_outsider, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, request_from_outsider, "approve", "editor")
    assert response.status_code == 302
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.APPROVED
    assert request_from_outsider.role == Membership.Role.EDITOR
    assert request_from_outsider.decided_by == org_admin
    assert request_from_outsider.decided_at is not None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["outsider@example.org"]
    assert mail.subject.startswith("[Spre] ")
    assert "Bærum" in mail.subject
    assert "/mine-sider/" in mail.body


def test_org_admin_rejects_request_and_requester_gets_email(
    client, org_admin, request_from_outsider, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client, request_from_outsider, "reject")
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.REJECTED
    assert [m.to for m in mailoutbox] == [["outsider@example.org"]]
    assert "Bærum" in mailoutbox[0].subject


def test_decided_request_cannot_be_decided_again(client, org_admin, request_from_outsider, mailoutbox):
    client.force_login(org_admin)
    _decide(client, request_from_outsider, "reject")
    response = _decide(client, request_from_outsider, "approve", "admin")
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.REJECTED
    assert request_from_outsider.role == Membership.Role.MEMBER
    assert _messages(response)


def test_decision_without_choice_changes_nothing(client, org_admin, request_from_outsider):
    client.force_login(org_admin)
    _decide(client, request_from_outsider, "maybe")
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.PENDING


def test_rejected_user_may_ask_again(client, organisation, outsider, request_from_outsider):
    request_from_outsider.status = Membership.Status.REJECTED
    request_from_outsider.save()
    client.force_login(outsider)
    response = client.post(organisation.join_url, {"message": "Ny forespørsel"})
    assert response["Location"] == "/mine-sider/"
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.PENDING
    assert request_from_outsider.message == "Ny forespørsel"
    assert request_from_outsider.previous_status == Membership.Status.REJECTED


@pytest.mark.parametrize("status", [Membership.Status.PENDING, Membership.Status.REJECTED])
def test_unapproved_admin_role_gives_no_admin_rights(client, organisation, status, request_from_outsider):
    user = make_user()
    make_membership(user=user, organisation=organisation, role=Membership.Role.ADMIN, status=status)
    assert not organisation.can_administer(user)
    client.force_login(user)
    assert client.get(organisation.members_url).status_code == 403
    assert client.post(f"/medlemskap/{request_from_outsider.pk}/avgjor/", {"decision": "approve"}).status_code == 404
    request_from_outsider.refresh_from_db()
    assert request_from_outsider.status == Membership.Status.PENDING


def test_org_admin_can_change_a_members_role(client, organisation, org_admin, member):
    membership = Membership.objects.get(user=member, organisation=organisation)
    client.force_login(org_admin)
    response = client.post(f"/medlemskap/{membership.pk}/rolle/", {"role": "editor"})
    assert response["Location"] == organisation.members_url
    membership.refresh_from_db()
    assert membership.role == Membership.Role.EDITOR


def test_org_admin_cannot_demote_the_last_admin(client, organisation, org_admin, member):
    own = Membership.objects.get(user=org_admin, organisation=organisation)
    client.force_login(org_admin)
    response = client.post(f"/medlemskap/{own.pk}/rolle/", {"role": "member"})
    own.refresh_from_db()
    assert own.role == Membership.Role.ADMIN
    assert _messages(response)


def test_org_admin_can_step_down_when_there_is_another_admin(client, organisation, org_admin):
    make_membership(organisation=organisation, role=Membership.Role.ADMIN)
    own = Membership.objects.get(user=org_admin, organisation=organisation)
    client.force_login(org_admin)
    client.post(f"/medlemskap/{own.pk}/rolle/", {"role": "member"})
    own.refresh_from_db()
    assert own.role == Membership.Role.MEMBER


def test_invalid_role_is_refused(client, organisation, org_admin, member):
    membership = Membership.objects.get(user=member, organisation=organisation)
    client.force_login(org_admin)
    client.post(f"/medlemskap/{membership.pk}/rolle/", {"role": "owner"})
    membership.refresh_from_db()
    assert membership.role == Membership.Role.MEMBER


def test_curator_can_approve_in_any_organisation(client, curator, other_organisation, outsider):
    membership = make_membership(user=outsider, organisation=other_organisation, status=Membership.Status.PENDING)
    client.force_login(curator)
    _decide(client, membership, "approve", "admin")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.role == Membership.Role.ADMIN
    assert membership.decided_by == curator


def test_org_admin_cannot_see_or_decide_another_organisations_memberships(client, org_admin, other_organisation):
    request = make_membership(organisation=other_organisation, status=Membership.Status.PENDING)
    approved = make_membership(organisation=other_organisation)
    client.force_login(org_admin)
    assert client.get(other_organisation.members_url).status_code == 403
    assert _decide(client, request, "approve", "admin").status_code == 404
    assert client.post(f"/medlemskap/{approved.pk}/rolle/", {"role": "admin"}).status_code == 404
    assert client.post(f"/medlemskap/{approved.pk}/fjern/").status_code == 404
    request.refresh_from_db()
    approved.refresh_from_db()
    assert request.status == Membership.Status.PENDING
    assert approved.role == Membership.Role.MEMBER


def test_member_can_leave(client, organisation, member):
    client.force_login(member)
    membership = Membership.objects.get(user=member, organisation=organisation)
    response = client.post(f"/medlemskap/{membership.pk}/fjern/")
    assert response["Location"] == "/mine-sider/"
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_pending_member_can_withdraw_the_request(client, organisation, pending_member):
    client.force_login(pending_member)
    membership = Membership.objects.get(user=pending_member, organisation=organisation)
    client.post(f"/medlemskap/{membership.pk}/fjern/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_last_admin_cannot_leave_while_others_are_members(client, organisation, org_admin, member):
    own = Membership.objects.get(user=org_admin, organisation=organisation)
    client.force_login(org_admin)
    response = client.post(f"/medlemskap/{own.pk}/fjern/")
    assert Membership.objects.filter(pk=own.pk).exists()
    assert _messages(response)


def test_org_admin_can_remove_a_member(client, organisation, org_admin, member):
    membership = Membership.objects.get(user=member, organisation=organisation)
    client.force_login(org_admin)
    response = client.post(f"/medlemskap/{membership.pk}/fjern/")
    assert response["Location"] == organisation.members_url
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == (Membership.Status.REMOVED, org_admin)
    assert not organisation.memberships.approved().filter(user=member).exists()


def test_redirect_after_decision_ignores_foreign_next_url(client, org_admin, request_from_outsider, organisation):
    client.force_login(org_admin)
    response = client.post(
        f"/medlemskap/{request_from_outsider.pk}/avgjor/", {"decision": "approve", "next": "https://evil.example/"}
    )
    assert response["Location"] == organisation.members_url


# Email domains


def test_verified_address_on_registered_domain_is_approved_at_once(client, organisation):
    make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    user = make_user(email="ola@baerum.kommune.no")
    client.force_login(user)
    client.post(organisation.join_url, {"message": ""})
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.status == Membership.Status.APPROVED
    assert membership.role == Membership.Role.MEMBER


def test_unverified_address_on_registered_domain_stays_pending(client, organisation):
    make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    user = make_user(email="ola@baerum.kommune.no", verified=False)
    client.force_login(user)
    client.post(organisation.join_url, {"message": ""})
    assert Membership.objects.get(user=user, organisation=organisation).status == Membership.Status.PENDING


def test_confirming_an_address_on_a_registered_domain_joins_the_organisation(organisation, other_organisation):
    make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    user = make_user(email="kari@baerum.kommune.no", verified=False)
    other_request = make_membership(user=user, organisation=other_organisation, status=Membership.Status.PENDING)
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert membership.status == Membership.Status.APPROVED
    other_request.refresh_from_db()
    assert other_request.status == Membership.Status.PENDING


def test_approve_by_email_domain_approves_a_pending_request_but_not_a_rejected_one(organisation, other_organisation):
    make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    make_email_domain(organisation=other_organisation, domain="asker.kommune.no")
    user = make_user(email="kari@baerum.kommune.no")
    EmailAddress.objects.create(user=user, email="kari@asker.kommune.no", verified=True)
    pending = make_membership(user=user, organisation=organisation, status=Membership.Status.PENDING)
    rejected = make_membership(user=user, organisation=other_organisation, status=Membership.Status.REJECTED)
    approved = approve_by_email_domain(user=user)
    assert approved == [pending]
    pending.refresh_from_db()
    rejected.refresh_from_db()
    assert pending.status == Membership.Status.APPROVED
    assert rejected.status == Membership.Status.REJECTED


def test_org_admin_adds_an_email_domain(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": " @Baerum.Kommune.no "})
    assert response["Location"] == organisation.members_url
    domain = EmailDomain.objects.get(organisation=organisation)
    assert domain.domain == "baerum.kommune.no"
    assert domain.created_by == org_admin


@pytest.mark.parametrize("domain", ["gmail.com", "GMAIL.com", "https://x", "baerum", "ola@baerum.kommune.no", ""])
def test_email_domain_form_rejects_free_mail_and_junk(domain, organisation):
    form = EmailDomainForm({"domain": domain}, instance=EmailDomain(organisation=organisation))
    assert not form.is_valid()
    assert form.errors["domain"]


def test_email_domain_form_accepts_an_organisations_domain(organisation):
    form = EmailDomainForm({"domain": "trondheim.kommune.no"}, instance=EmailDomain(organisation=organisation))
    assert form.is_valid(), form.errors


def test_adding_a_free_mail_domain_shows_the_error_in_norwegian_page(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "gmail.com"})
    assert response.status_code == 400
    assert response.context["domain_form"].errors["domain"]
    assert '<html lang="nb"' in response.content.decode()
    assert not EmailDomain.objects.exists()


def test_domain_registered_by_another_organisation_is_refused(client, organisation, other_organisation, org_admin):
    make_email_domain(organisation=other_organisation, domain="asker.kommune.no")
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "asker.kommune.no"})
    assert response.status_code == 400
    assert EmailDomain.objects.get().organisation == other_organisation


def test_org_admin_removes_an_email_domain(client, organisation, org_admin):
    domain = make_email_domain(organisation=organisation, domain="baerum.kommune.no")
    client.force_login(org_admin)
    client.post(_domain_delete_url(domain))
    assert not EmailDomain.objects.filter(pk=domain.pk).exists()


def test_org_admin_cannot_remove_another_organisations_domain_through_own_url(client, organisation, org_admin):
    foreign = make_email_domain(organisation=make_organisation(), domain="asker.kommune.no")
    client.force_login(org_admin)
    url = f"{organisation.get_url('detail')}domener/{foreign.pk}/slett/"
    assert client.post(url).status_code == 404
    assert EmailDomain.objects.filter(pk=foreign.pk).exists()


def _domain_delete_url(domain):
    return f"{domain.organisation.get_url('detail')}domener/{domain.pk}/slett/"


def test_pending_member_cannot_approve_own_request(client, organisation, pending_member):
    own = Membership.objects.get(user=pending_member, organisation=organisation)
    client.force_login(pending_member)
    response = _decide(client, own, "approve", "admin")
    assert response.status_code == 403
    own.refresh_from_db()
    assert (own.status, own.role) == (Membership.Status.PENDING, Membership.Role.MEMBER)


@pytest.mark.parametrize("who", ["member", "editor"])
def test_member_cannot_make_themselves_admin(client, organisation, cast_user, who):
    user = cast_user(who)
    own = Membership.objects.get(user=user, organisation=organisation)
    role_before = own.role
    client.force_login(user)
    assert client.post(f"/medlemskap/{own.pk}/rolle/", {"role": "admin"}).status_code == 403
    own.refresh_from_db()
    assert own.role == role_before


def test_asking_to_join_an_inactive_organisation_is_not_found(client, outsider, county):
    closed = make_organisation(county=county, is_active=False)
    client.force_login(outsider)
    assert client.post(closed.join_url, {"message": ""}).status_code == 404
    assert not Membership.objects.filter(organisation=closed).exists()


# The one "last administrator" rule


def test_last_admin_rule_counts_only_approved_people(organisation, org_admin, pending_member):
    assert not organisation.loses_last_admin(org_admin, leaving=True)  # nobody approved is left behind
    assert organisation.loses_last_admin(org_admin, leaving=False)  # stepping down leaves themselves without one


def test_last_admin_rule_with_members(organisation, org_admin, member):
    assert organisation.loses_last_admin(org_admin, leaving=True)
    assert not organisation.loses_last_admin(member, leaving=True)
    make_membership(organisation=organisation, role=Membership.Role.ADMIN)
    assert not organisation.loses_last_admin(org_admin, leaving=True)


def test_organisations_without_admin_are_those_with_people_but_no_admin(organisation, other_organisation, member):
    make_organisation()  # nobody at all: not in the queue
    make_membership(organisation=other_organisation, role=Membership.Role.ADMIN)
    assert list(Organisation.objects.without_admin()) == [organisation]
