"""A mail server outage never reaches the visitor: the mail waits in the outbox and goes out later."""

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from municipalities.models import Membership
from outbox.models import Message

from ..factories import make_membership

PASSWORD = "Fjordland-utsikt-2026"


def _signup(client, email="nora@example.org"):
    return client.post(
        "/konto/opprett-konto/",
        {"full_name": "Nora Nordmann", "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signup_while_the_mail_server_is_down_succeeds_and_sends_the_mail_later(client, mail_server_down, mailoutbox):
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/konto/bekreft-e-post/"
    user = User.objects.get(email="nora@example.org")
    assert not EmailAddress.objects.get(user=user).verified

    call_command("send_queued_mail")  # the worker tries while the server is still down
    assert mail_server_down.attempts == 1
    message = Message.objects.get()
    assert (message.attempts, message.sent_at) == (1, None)
    assert "ConnectionRefusedError" in message.last_error

    mail_server_down.recover()
    Message.objects.update(next_attempt_at=message.created_at)  # the backoff has passed
    assert [m.to for m in mailoutbox] == [["nora@example.org"]]
    assert "/konto/bekreft-e-post/" in mailoutbox[0].body
    assert Message.objects.get().sent_at is not None


def test_password_reset_while_the_mail_server_is_down_shows_the_normal_page(
    client, member, mail_server_down, mailoutbox
):
    response = client.post("/konto/passord/tilbakestill/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    mail_server_down.recover()
    assert [m.to for m in mailoutbox] == [["member@example.org"]]
    assert "/konto/passord/tilbakestill/nokkel/" in mailoutbox[0].body


def test_approving_a_membership_while_the_mail_server_is_down_saves_and_tells_later(
    client, org_admin, organisation, outsider, mail_server_down, mailoutbox, django_capture_on_commit_callbacks
):
    membership = make_membership(user=outsider, organisation=organisation, status=Membership.Status.PENDING)
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/medlemskap/{membership.pk}/avgjor/", {"decision": "approve", "role": "member"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert Message.objects.unsent().get().to == ["outsider@example.org"]
    mail_server_down.recover()
    assert [m.to for m in mailoutbox] == [["outsider@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_signup_twice_during_an_outage_creates_one_user_and_no_error(client, mail_server_down):
    assert _signup(client).status_code == 302
    assert _signup(client).status_code in {200, 302}
    assert User.objects.filter(email="nora@example.org").count() == 1
