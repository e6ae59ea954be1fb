"""The Django admin has no login of its own: it goes through the portal's (allauth's) login, with its
lockout and rate limits, and it is open only to staff whose address is verified."""

from ..factories import PASSWORD, make_user


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_admin_login_page_sends_to_the_portal_login_with_next(client, db):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/logg-inn/?next=/admin/accounts/user/"


def test_admin_login_does_not_accept_a_password(client, curator):
    response = client.post("/admin/login/?next=/admin/", {"username": curator.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logg-inn/")
    assert not _logged_in(client)


def test_repeated_wrong_passwords_for_the_admin_lock_the_curator_out(client, curator):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    for _attempt in range(5):
        client.post(login_url, {"login": curator.email, "password": "wrong-password"})
    response = client.post(login_url, {"login": curator.email, "password": PASSWORD})
    assert not _logged_in(client)
    assert response.status_code in (200, 429)
    assert client.get("/admin/").status_code == 302


def test_curator_logs_in_through_the_portal_and_reaches_the_admin(client, curator):
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    response = client.post(login_url, {"login": curator.email, "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_unverified_staff_user_cannot_reach_the_admin(client, db):
    staff = make_user(email="staff@example.org", is_staff=True, is_superuser=True, verified=False)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 403
    assert "bekreft" in response.content.decode().lower()


def test_logged_in_non_staff_user_gets_forbidden_not_a_redirect_loop(client, member):
    client.force_login(member)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 403
