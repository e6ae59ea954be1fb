"""Email domains approve members automatically only once they are verified as the organisation's own."""

import pytest
from allauth.account.models import EmailAddress

from activity.models import Activity
from municipalities.forms import EmailDomainForm
from municipalities.models import EmailDomain, Membership

from ..factories import make_email_domain, make_membership, make_organisation, make_user


def _join(client, user, organisation):
    client.force_login(user)
    client.post(organisation.join_url, {"message": ""})
    return Membership.objects.get(user=user, organisation=organisation)


@pytest.fixture
def municipal_admin(organisation):
    """An organisation admin whose own verified address is on baerum.kommune.no."""
    user = make_user(email="sjef@baerum.kommune.no")
    make_membership(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


def test_domain_of_the_admins_own_verified_address_is_verified_at_once(client, organisation, municipal_admin):
    client.force_login(municipal_admin)
    client.post(organisation.get_url("domain_add"), {"domain": "baerum.kommune.no"})
    domain = EmailDomain.objects.get(organisation=organisation)
    assert domain.status == EmailDomain.Status.VERIFIED
    assert domain.verified_by == municipal_admin
    newcomer = make_user(email="ny@baerum.kommune.no")
    assert _join(client, newcomer, organisation).status == Membership.Status.APPROVED


def test_domain_outside_the_admins_addresses_waits_for_a_curator_and_approves_nobody(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "oslo.kommune.no"})
    assert response.status_code == 302
    domain = EmailDomain.objects.get(organisation=organisation)
    assert domain.status == EmailDomain.Status.PENDING
    stranger = make_user(email="byraad@oslo.kommune.no")
    assert _join(client, stranger, organisation).status == Membership.Status.PENDING


def test_unverified_address_of_the_admin_does_not_verify_the_domain(client, organisation):
    admin = make_user(email="sjef@baerum.kommune.no", verified=False)
    make_membership(user=admin, organisation=organisation, role=Membership.Role.ADMIN)
    client.force_login(admin)
    client.post(organisation.get_url("domain_add"), {"domain": "baerum.kommune.no"})
    assert EmailDomain.objects.get().status == EmailDomain.Status.PENDING


def test_claimed_but_unconfirmed_domain_does_not_join_people_on_confirmation(organisation):
    from allauth.account.signals import email_confirmed

    make_email_domain(organisation=organisation, domain="oslo.kommune.no", status=EmailDomain.Status.PENDING)
    user = make_user(email="ola@oslo.kommune.no", verified=False)
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert not Membership.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "domain",
    [
        "outlook.no",
        "hotmail.no",
        "online.no",
        "protonmail.ch",
        "hotmail.co.uk",
        "gmail.com",
        "yahoo.no",
        "kommune.no",
        "fylkeskommune.no",
        "co.uk",
        "no",
    ],
)
def test_public_mail_services_and_shared_domains_are_refused(domain, organisation):
    form = EmailDomainForm({"domain": domain}, instance=EmailDomain(organisation=organisation))
    assert not form.is_valid()
    assert form.errors["domain"]


def test_shared_domain_is_explained_in_norwegian(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "kommune.no"})
    assert response.status_code == 400
    assert "deles av mange organisasjoner" in response.content.decode()


def test_unverified_claim_does_not_block_the_real_owner(client, organisation, other_organisation, municipal_admin):
    squatter = make_email_domain(
        organisation=other_organisation, domain="baerum.kommune.no", status=EmailDomain.Status.PENDING
    )
    client.force_login(municipal_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "baerum.kommune.no"})
    assert response.status_code == 302
    assert EmailDomain.objects.get(domain="baerum.kommune.no").organisation == organisation
    assert not EmailDomain.objects.filter(pk=squatter.pk).exists()


def test_verified_domain_of_another_organisation_is_refused(client, organisation, other_organisation, org_admin):
    make_email_domain(organisation=other_organisation, domain="asker.kommune.no")
    client.force_login(org_admin)
    response = client.post(organisation.get_url("domain_add"), {"domain": "asker.kommune.no"})
    assert response.status_code == 400
    assert EmailDomain.objects.get().organisation == other_organisation


def test_curator_confirms_a_pending_domain_and_it_then_approves_members(client, organisation, curator):
    domain = make_email_domain(organisation=organisation, domain="oslo.kommune.no", status=EmailDomain.Status.PENDING)
    client.force_login(curator)
    page = client.get("/kurator/")
    assert "oslo.kommune.no" in page.content.decode()
    client.post(f"/kurator/domener/{domain.pk}/bekreft/")
    domain.refresh_from_db()
    assert (domain.status, domain.verified_by) == (EmailDomain.Status.VERIFIED, curator)
    assert Activity.objects.of_organisation(organisation).first().verb == Activity.Verb.EMAIL_DOMAIN_VERIFIED
    assert _join(client, make_user(email="ola@oslo.kommune.no"), organisation).status == Membership.Status.APPROVED


def test_curator_revokes_any_domain(client, organisation, curator):
    domain = make_email_domain(organisation=organisation, domain="asker.kommune.no")
    client.force_login(curator)
    assert "asker.kommune.no" in client.get("/kurator/").content.decode()
    response = client.post(f"/kurator/domener/{domain.pk}/fjern/")
    assert response["Location"] == "/kurator/"
    assert not EmailDomain.objects.filter(pk=domain.pk).exists()
    assert Activity.objects.of_organisation(organisation).first().verb == Activity.Verb.EMAIL_DOMAIN_REMOVED


def test_domain_added_by_a_curator_is_verified(client, curator):
    organisation = make_organisation(name="Lillestrøm")
    client.force_login(curator)
    client.post(organisation.get_url("domain_add"), {"domain": "lillestrom.kommune.no"})
    assert EmailDomain.objects.get().status == EmailDomain.Status.VERIFIED


def test_curation_page_is_linked_from_my_pages_for_curators_only(client, curator, member):
    client.force_login(curator)
    assert 'href="/kurator/"' in client.get("/mine-sider/").content.decode()
    client.force_login(member)
    assert 'href="/kurator/"' not in client.get("/mine-sider/").content.decode()
