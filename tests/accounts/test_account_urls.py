"""The account pages live on Norwegian paths; allauth's English ones redirect there permanently."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("account_login", "/konto/logg-inn/"),
        ("account_logout", "/konto/logg-ut/"),
        ("account_signup", "/konto/opprett-konto/"),
        ("account_email", "/konto/e-post/"),
        ("account_change_password", "/konto/passord/endre/"),
        ("account_reset_password", "/konto/passord/tilbakestill/"),
        ("account_reset_password_done", "/konto/passord/tilbakestill/ferdig/"),
    ],
)
def test_account_pages_have_norwegian_paths(name, path):
    assert reverse(name) == path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/konto/login/?next=/mine-sider/", "/konto/logg-inn/?next=/mine-sider/"),
        ("/konto/signup/", "/konto/opprett-konto/"),
        ("/konto/password/change/", "/konto/passord/endre/"),
        ("/konto/confirm-email/MQ:1abc:xyz/", "/konto/bekreft-e-post/MQ:1abc:xyz/"),
        ("/konto/password/reset/key/1-abc-def/", "/konto/passord/tilbakestill/nokkel/1-abc-def/"),
    ],
)
def test_old_english_account_paths_redirect_permanently(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
