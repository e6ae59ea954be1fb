"""Membership without dead ends: who is told about a request, and who decides when nobody administers."""

from municipalities.models import Membership

from ..factories import make_user


def test_admins_are_told_by_email_when_someone_asks_to_join(
    client, organisation, org_admin, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    make_user(email="curator2@example.org", curator=True)  # curators are not bothered when there is an admin
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(organisation.join_url, {"message": "Jeg jobber med innovasjon."})
    assert [mail.to for mail in mailoutbox] == [["admin@example.org"]]
    mail = mailoutbox[0]
    assert "Bærum" in mail.subject
    assert "Jeg jobber med innovasjon." in mail.body
    assert mail.body.rstrip().endswith("Spre")
    assert "/mine-sider/" in mail.body


def test_curators_are_told_when_the_organisation_has_no_admin(
    client, organisation, curator, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(organisation.join_url, {"message": ""})
    assert [mail.to for mail in mailoutbox] == [["curator@example.org"]]
    assert "/kurator/" in mailoutbox[0].body


def test_pending_requests_show_on_the_admins_dashboard(client, org_admin, pending_member):
    client.force_login(org_admin)
    response = client.get("/mine-sider/")
    assert response.context["awaiting"][0].user == pending_member
    assert Membership.objects.get(user=pending_member).status == Membership.Status.PENDING
