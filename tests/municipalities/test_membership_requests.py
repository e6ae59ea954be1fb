"""Membership without dead ends: who is told about a request, and who decides when nobody administers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activity.models import Activity
from municipalities import services
from municipalities.models import Membership

from ..factories import make_membership, make_user


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


# Organisations without an administrator


def test_join_page_says_who_decides(client, organisation, outsider, org_admin, other_organisation):
    client.force_login(outsider)
    with_admin = client.get(organisation.join_url).content.decode()
    assert "Administratorene i Bærum avgjør" in with_admin
    without_admin = client.get(other_organisation.join_url).content.decode()
    assert "har ingen administrator i Spre ennå" in without_admin
    assert "Administratorene" not in without_admin
    assert "En administrator i organisasjonen godkjenner" not in without_admin


def test_asking_to_be_administrator_needs_a_reason(client, other_organisation, outsider):
    client.force_login(outsider)
    response = client.post(other_organisation.join_url, {"role": "admin", "message": ""})
    assert response.status_code == 200
    assert not Membership.objects.filter(user=outsider).exists()
    client.post(other_organisation.join_url, {"role": "admin", "message": "Jeg leder innovasjonsarbeidet."})
    membership = Membership.objects.get(user=outsider)
    assert membership.status == Membership.Status.PENDING
    assert membership.role == Membership.Role.MEMBER
    assert membership.requested_role == Membership.Role.ADMIN
    activity = Activity.objects.about(membership).get()
    assert activity.verb == Activity.Verb.MEMBERSHIP_REQUESTED
    assert activity.data["requested_role"] == "admin"


def test_curator_queue_lists_requests_of_organisations_without_admin_and_appoints_the_first_admin(
    client,
    organisation,
    org_admin,
    other_organisation,
    outsider,
    curator,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    own = make_membership(user=outsider, organisation=other_organisation, status=Membership.Status.PENDING)
    own.requested_role = Membership.Role.ADMIN
    own.save()
    handled = make_membership(organisation=organisation, status=Membership.Status.PENDING)  # Bærum has an admin
    client.force_login(curator)
    response = client.get("/kurator/")
    assert list(response.context["pending_requests"]) == [own]
    assert handled not in response.context["pending_requests"]
    assert 'value="admin" selected' in response.content.decode()  # the role asked for is proposed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/medlemskap/{own.pk}/avgjor/", {"decision": "approve", "role": "admin", "next": "/kurator/"}
        )
    assert response["Location"] == "/kurator/"
    own.refresh_from_db()
    assert (own.status, own.role, own.requested_role) == (Membership.Status.APPROVED, Membership.Role.ADMIN, "")
    assert other_organisation.has_admin
    assert [mail.to for mail in mailoutbox] == [["outsider@example.org"]]


# Asking for the editor role


def test_member_asks_for_the_editor_role_and_the_admins_are_told(
    client, organisation, member, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert client.get(organisation.role_request_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(organisation.role_request_url, {"role": "editor", "reason": "Jeg vil registrere X."})
    assert response["Location"] == "/mine-sider/"
    membership = Membership.objects.get(user=member)
    assert (membership.role, membership.requested_role) == (Membership.Role.MEMBER, Membership.Role.EDITOR)
    assert membership.role_reason == "Jeg vil registrere X."
    assert Activity.objects.about(membership).first().verb == Activity.Verb.MEMBERSHIP_ROLE_REQUESTED
    assert [mail.to for mail in mailoutbox] == [["admin@example.org"]]
    assert "redaktør" in mailoutbox[0].subject
    assert "Jeg vil registrere X." in mailoutbox[0].body


def test_role_request_needs_a_reason(client, organisation, member):
    client.force_login(member)
    response = client.post(organisation.role_request_url, {"role": "editor", "reason": ""})
    assert response.status_code == 200
    assert Membership.objects.get(user=member).requested_role == ""


def test_admin_gives_the_role_asked_for_and_the_member_is_told(
    client, organisation, member, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    membership = services.request_role(
        membership=Membership.objects.get(user=member), role="editor", reason="Trenger det", by=member
    )
    client.force_login(org_admin)
    dashboard = client.get("/mine-sider/")
    assert list(dashboard.context["awaiting_roles"]) == [membership]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/medlemskap/{membership.pk}/rolleforesporsel/avgjor/", {"decision": "approve"})
    membership.refresh_from_db()
    assert (membership.role, membership.requested_role) == (Membership.Role.EDITOR, "")
    assert Activity.objects.about(membership).first().verb == Activity.Verb.MEMBERSHIP_ROLE_GRANTED
    assert [mail.to for mail in mailoutbox] == [["member@example.org"]]
    assert "redaktør" in mailoutbox[0].subject


def test_admin_refuses_the_role_and_the_member_keeps_theirs(
    client, organisation, member, org_admin, mailoutbox, django_capture_on_commit_callbacks
):
    membership = services.request_role(
        membership=Membership.objects.get(user=member), role="admin", reason="Vil bestemme", by=member
    )
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/medlemskap/{membership.pk}/rolleforesporsel/avgjor/", {"decision": "reject"})
    membership.refresh_from_db()
    assert (membership.role, membership.requested_role, membership.status) == ("member", "", "approved")
    assert Activity.objects.about(membership).first().verb == Activity.Verb.MEMBERSHIP_ROLE_REFUSED
    assert "ikke innvilget" in mailoutbox[0].body


def test_role_requests_in_organisations_without_admin_go_to_the_curators(other_organisation, curator):
    user = make_user(email="kari@example.org")
    membership = make_membership(user=user, organisation=other_organisation)
    services.request_role(membership=membership, role="admin", reason="Første administrator", by=user)
    assert list(Membership.objects.without_admin().role_requests()) == [membership]
    assert membership in Membership.objects.role_requests_awaiting_decision_by(curator)
    services.decide_role_request(membership=membership, approve=True, by=curator)
    assert other_organisation.has_admin


def test_only_the_member_may_ask_and_only_deciders_may_decide(organisation, member, editor):
    membership = Membership.objects.get(user=member)
    with pytest.raises(PermissionDenied):
        services.request_role(membership=membership, role="editor", reason="x", by=editor)
    services.request_role(membership=membership, role="editor", reason="x", by=member)
    with pytest.raises(PermissionDenied):
        services.decide_role_request(membership=membership, approve=True, by=editor)
    with pytest.raises(ValidationError):
        services.request_role(membership=Membership.objects.get(user=editor), role="editor", reason="x", by=editor)


def test_member_sees_ask_for_editor_role_instead_of_register_a_project(client, organisation, member):
    client.force_login(member)
    for url in ("/", "/mine-prosjekter/", "/prosjekter/"):
        page = client.get(url).content.decode()
        assert organisation.role_request_url in page, url
        assert "Be om redaktørrolle" in page, url
    response = client.get("/prosjekter/ny/")
    assert response.status_code == 403  # still refused on the server
    assert organisation.role_request_url in response.content.decode()
    assert "redaktørrollen" in response.content.decode()


def test_editor_sees_register_a_project(client, organisation, editor):
    client.force_login(editor)
    page = client.get("/prosjekter/").content.decode()
    assert "Registrer et prosjekt" in page
    assert "Be om redaktørrolle" not in page


# What happens next, and withdrawing


def test_pending_user_sees_who_decides_and_can_withdraw_from_the_organisation_page(
    client, organisation, pending_member
):
    client.force_login(pending_member)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "har ingen administrator i Spre ennå" in page  # Bærum has no admin in this test
    assert "du får en e-post" in page
    membership = Membership.objects.get(user=pending_member)
    assert f"/medlemskap/{membership.pk}/fjern/" in page
    response = client.post(f"/medlemskap/{membership.pk}/fjern/", {"next": organisation.get_absolute_url()})
    assert response["Location"] == organisation.get_absolute_url()
    assert not Membership.objects.filter(user=pending_member).exists()


def test_pending_user_sees_who_decides_on_the_dashboard(client, organisation, org_admin, pending_member):
    client.force_login(pending_member)
    page = client.get("/mine-sider/").content.decode()
    assert "Administratorene i Bærum avgjør" in page
    assert "Trekk tilbake" in page or "Trekk" in page


def test_member_withdraws_a_role_request(client, organisation, member):
    membership = services.request_role(
        membership=Membership.objects.get(user=member), role="editor", reason="x", by=member
    )
    client.force_login(member)
    assert f"/medlemskap/{membership.pk}/rolleforesporsel/trekk/" in client.get("/mine-sider/").content.decode()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert f"/medlemskap/{membership.pk}/rolleforesporsel/trekk/" in page
    client.post(f"/medlemskap/{membership.pk}/rolleforesporsel/trekk/")
    membership.refresh_from_db()
    assert membership.requested_role == ""
    assert Activity.objects.about(membership).first().verb == Activity.Verb.MEMBERSHIP_ROLE_REQUEST_WITHDRAWN


def test_a_role_request_keeps_the_message_sent_when_joining(client, organisation, member, org_admin):
    membership = Membership.objects.get(user=member)
    membership.message = "Jeg jobber med velferdsteknologi"
    membership.save()
    services.request_role(membership=membership, role="editor", reason="Skal registrere prosjekter", by=member)
    membership.refresh_from_db()
    assert membership.message == "Jeg jobber med velferdsteknologi"
    assert membership.role_reason == "Skal registrere prosjekter"
    assert Activity.objects.about(membership).first().data["reason"] == "Skal registrere prosjekter"
    client.force_login(org_admin)
    assert "Skal registrere prosjekter" in client.get("/mine-sider/").content.decode()
