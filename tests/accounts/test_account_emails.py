"""Every account email is in the portal's own words, signed "Spre", with links on SITE_URL.

allauth builds links from the request's host, so a portal reached on another host or port (127.0.0.1:8101)
mailed links to that host and greeted "Hei fra 127.0.0.1:8101!".
"""

import re

import pytest

from municipalities.models import Membership
from municipalities.services import decide_membership

from ..factories import PASSWORD as OLD_PASSWORD
from ..factories import make_membership

SITE_URL = "https://spre.example"
OTHER_HOST = "127.0.0.1:8101"
PASSWORD = "Fjordland-utsikt-2026"


@pytest.fixture(autouse=True)
def _portal_on_site_url_reached_on_another_host(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]


def _links(mail) -> list[str]:
    return re.findall(r"https?://\S+", mail.body)


def _assert_in_the_portals_words(mail):
    assert mail.subject.startswith("[Spre] ")
    assert mail.body.startswith("Hei,")
    assert mail.body.rstrip().endswith(f"Hilsen\nSpre\n{SITE_URL}")
    assert OTHER_HOST not in mail.body
    assert "Hei fra" not in mail.body
    assert "epost" not in mail.body
    links = _links(mail)
    assert links and all(link == SITE_URL or link.startswith(SITE_URL + "/") for link in links), links


def test_sign_up_confirmation_mail_links_to_site_url(client, mailoutbox):
    client.post(
        "/konto/opprett-konto/",
        {"full_name": "Nora Nordmann", "email": "nora@example.org", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=OTHER_HOST,
    )
    [mail] = mailoutbox
    _assert_in_the_portals_words(mail)
    assert "Bekreft e-postadressen din" in mail.subject
    assert f"{SITE_URL}/konto/bekreft-e-post/" in mail.body


def test_password_reset_mail_links_to_site_url(client, member, mailoutbox):
    client.post("/konto/passord/tilbakestill/", {"email": member.email}, HTTP_HOST=OTHER_HOST)
    [mail] = mailoutbox
    _assert_in_the_portals_words(mail)
    assert f"{SITE_URL}/konto/passord/tilbakestill/nokkel/" in mail.body


def test_password_reset_for_unknown_address_offers_sign_up_on_site_url(client, mailoutbox):
    client.post("/konto/passord/tilbakestill/", {"email": "nobody@example.org"}, HTTP_HOST=OTHER_HOST)
    [mail] = mailoutbox
    _assert_in_the_portals_words(mail)
    assert "Ingen konto med denne adressen" in mail.subject


def test_changing_the_password_is_told_by_mail(client, member, mailoutbox):
    client.force_login(member)
    client.post(
        "/konto/passord/endre/",
        {"oldpassword": OLD_PASSWORD, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=OTHER_HOST,
    )
    [mail] = mailoutbox
    assert mail.subject == "[Spre] Passordet ditt er endret"
    assert "Passordet til kontoen din i Spre er endret." in mail.body
    assert mail.body.rstrip().endswith(f"Hilsen\nSpre\n{SITE_URL}")


def test_membership_mail_is_signed_spre_with_site_url(
    organisation, outsider, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    membership = make_membership(user=outsider, organisation=organisation, status=Membership.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        decide_membership(membership=membership, approve=True, by=org_admin, role=Membership.Role.MEMBER)
    [mail] = mailoutbox
    assert f"{SITE_URL}/mine-sider/" in mail.body
    assert mail.body.rstrip().endswith(f"Hilsen\nSpre\n{SITE_URL}")
