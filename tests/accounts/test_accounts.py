"""Accounts: sign-up with email verification, login, password reset, profile, deleting the account."""

import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from activity.models import Activity
from municipalities.models import Membership, Organisation

from ..factories import PASSWORD, make_membership, make_user

NEW_PASSWORD = "Fjordland-utsikt-2026"


def _signup(client, email="nora@example.org"):
    return client.post(
        "/konto/opprett-konto/",
        {"full_name": "Nora Nordmann", "email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def _confirm_path(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/bekreft-e-post/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def _logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_signup_creates_unverified_user_and_sends_verification_email(client, mailoutbox):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="nora@example.org")
    assert user.full_name == "Nora Nordmann"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nora@example.org"]
    assert mailoutbox[0].subject.startswith("[Spre] ")
    assert _confirm_path(mailoutbox[0])
    assert _logged_in_user_id(client) is None


def test_signup_with_weak_password_is_refused(client, mailoutbox):
    response = client.post(
        "/konto/opprett-konto/",
        {"full_name": "Nora", "email": "nora@example.org", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signup_with_taken_email_creates_no_second_user(client, outsider):
    _signup(client, email="OUTSIDER@example.org")
    assert User.objects.filter(email__iexact="outsider@example.org").count() == 1


def test_login_before_verification_is_refused(client, mailoutbox):
    _signup(client)
    client.logout()
    response = client.post("/konto/logg-inn/", {"login": "nora@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] != "/mine-sider/"
    assert _logged_in_user_id(client) is None
    assert client.get("/mine-sider/").status_code == 302


def test_confirming_the_email_logs_the_user_in(client, mailoutbox):
    _signup(client)
    path = _confirm_path(mailoutbox[0])
    assert client.get(path).status_code == 200  # GET only shows the confirmation button
    assert not EmailAddress.objects.get(email="nora@example.org").verified
    response = client.post(path)
    assert response.status_code == 302
    user = User.objects.get(email="nora@example.org")
    assert EmailAddress.objects.get(user=user).verified
    assert _logged_in_user_id(client) == str(user.pk)
    assert client.get("/mine-sider/").status_code == 200


def test_confirmed_user_can_log_in_with_email(client, mailoutbox):
    _signup(client)
    client.post(_confirm_path(mailoutbox[0]))
    client.logout()
    response = client.post("/konto/logg-inn/", {"login": "Nora@Example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/mine-sider/"
    assert _logged_in_user_id(client) == str(User.objects.get(email="nora@example.org").pk)


def test_login_with_email_and_password(client, member):
    response = client.post("/konto/logg-inn/", {"login": "member@example.org", "password": PASSWORD})
    assert response["Location"] == "/mine-sider/"
    assert _logged_in_user_id(client) == str(member.pk)


def test_login_with_wrong_password_is_refused(client, member):
    response = client.post("/konto/logg-inn/", {"login": "member@example.org", "password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _logged_in_user_id(client) is None


def test_repeated_failed_logins_lock_the_account_out(client, member):
    for _attempt in range(5):
        client.post("/konto/logg-inn/", {"login": "member@example.org", "password": "wrong-password"})
    response = client.post("/konto/logg-inn/", {"login": "member@example.org", "password": PASSWORD})
    assert _logged_in_user_id(client) is None
    assert response.status_code == 200
    # The right password is refused because of the earlier failures, not for being wrong.
    assert [error.code for error in response.context["form"].errors.as_data()["__all__"]] == ["too_many_login_attempts"]


def test_lockout_does_not_affect_other_accounts(client, member, editor):
    for _attempt in range(5):
        client.post("/konto/logg-inn/", {"login": "member@example.org", "password": "wrong-password"})
    client.post("/konto/logg-inn/", {"login": "editor@example.org", "password": PASSWORD})
    assert _logged_in_user_id(client) == str(editor.pk)


def test_password_reset_sends_mail(client, member, mailoutbox):
    response = client.post("/konto/passord/tilbakestill/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["member@example.org"]]
    assert "/konto/passord/tilbakestill/nokkel/" in mailoutbox[0].body


def test_password_reset_link_sets_a_new_password(client, member, mailoutbox):
    client.post("/konto/passord/tilbakestill/", {"email": "member@example.org"})
    path = re.search(r"https?://[^/\s]+(/konto/passord/tilbakestill/nokkel/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(path)["Location"]  # allauth hides the key behind a redirect
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_password_reset_for_unknown_address_sends_no_reset_link(client, mailoutbox):
    client.post("/konto/passord/tilbakestill/", {"email": "nobody@example.org"})
    assert all("/konto/passord/tilbakestill/nokkel/" not in m.body for m in mailoutbox)


def test_profile_edit_saves(client, member):
    client.force_login(member)
    response = client.post("/konto/profil/", {"full_name": "Mona Medlem", "job_title": "Innovasjonsrådgiver"})
    assert response["Location"] == "/konto/profil/"
    member.refresh_from_db()
    assert (member.full_name, member.job_title) == ("Mona Medlem", "Innovasjonsrådgiver")


def test_profile_edit_requires_a_name_within_the_limit(client, member):
    client.force_login(member)
    response = client.post("/konto/profil/", {"full_name": "x" * 151, "job_title": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    member.refresh_from_db()
    assert member.full_name == "Member"


def test_deleting_the_account_needs_the_right_password(client, member):
    client.force_login(member)
    response = client.post("/konto/slett/", {"password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert User.objects.filter(pk=member.pk).exists()


def test_deleting_the_account_removes_user_and_memberships(client, member, organisation):
    make_membership(user=member, organisation=make_membership().organisation, status=Membership.Status.PENDING)
    client.force_login(member)
    response = client.post("/konto/slett/", {"password": PASSWORD})
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Membership.objects.filter(user_id=member.pk).exists()
    assert _logged_in_user_id(client) is None


def test_deleting_the_only_admin_hands_the_role_to_the_longest_serving_editor(client, organisation, org_admin, member):
    earlier = timezone.now() - timedelta(days=400)
    veteran = make_membership(organisation=organisation, role=Membership.Role.EDITOR, decided_at=earlier)
    make_membership(organisation=organisation, role=Membership.Role.EDITOR, decided_at=timezone.now())
    client.force_login(org_admin)
    page = client.get("/konto/slett/").content.decode()
    assert "blir administrator" in page
    client.post("/konto/slett/", {"password": PASSWORD})
    assert not User.objects.filter(pk=org_admin.pk).exists()
    veteran.refresh_from_db()
    assert veteran.role == Membership.Role.ADMIN
    assert list(organisation.admins()) == [veteran]
    assert Activity.objects.about(veteran).first().verb == Activity.Verb.MEMBERSHIP_ADMIN_HANDED_OVER
    assert organisation not in Organisation.objects.without_admin()


def test_deleting_the_only_admin_without_editors_puts_the_organisation_in_the_curators_queue(
    client, organisation, org_admin, pending_member, curator
):
    client.force_login(org_admin)
    client.post("/konto/slett/", {"password": PASSWORD})
    assert not User.objects.filter(pk=org_admin.pk).exists()
    assert list(Organisation.objects.without_admin()) == [organisation]
    client.force_login(curator)
    page = client.get("/kurator/").content.decode()
    assert organisation.members_url in page


def test_only_admin_of_an_organisation_without_other_members_can_delete_the_account(client, org_admin, pending_member):
    client.force_login(org_admin)
    client.post("/konto/slett/", {"password": PASSWORD})
    assert not User.objects.filter(pk=org_admin.pk).exists()


def test_one_of_two_admins_can_delete_the_account(client, organisation, org_admin, member):
    make_membership(organisation=organisation, role=Membership.Role.ADMIN)
    client.force_login(org_admin)
    client.post("/konto/slett/", {"password": PASSWORD})
    assert not User.objects.filter(pk=org_admin.pk).exists()


def test_curator_is_active_staff_with_the_curator_permission(curator):
    assert curator.is_curator
    staff_only = make_user(is_staff=True)
    assert not staff_only.is_curator
    curator.is_active = False
    assert not curator.is_curator


def test_account_deletion_password_guesses_are_limited(client, member):
    client.force_login(member)
    for _attempt in range(5):
        assert client.post("/konto/slett/", {"password": "wrong-password"}).status_code == 200
    response = client.post("/konto/slett/", {"password": PASSWORD})
    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
