"""The Django admin works under the portal's Content-Security-Policy: no blocked scripts or styles."""

import pytest
from django.conf import settings
from django.test import Client

from .helpers import make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(new_page, live_server):
    """A browser page logged in as a superuser (session cookie from Django's test client)."""
    superuser = make_user("root@spre.example", full_name="Sigrid Superbruker", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(superuser)
    page = new_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.csp_violations = []
    page.on(
        "console", lambda msg: page.csp_violations.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.superuser = superuser
    return page


def test_admin_pages_work_under_the_content_security_policy(admin_page, organisations):
    page = admin_page
    paths = [
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{page.superuser.pk}/change/",
        "/admin/accounts/user/add/",
        "/admin/municipalities/organisation/",
        f"/admin/municipalities/organisation/{organisations['bergen'].pk}/change/",
        "/admin/outbox/message/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert page.csp_violations == []


def test_admin_scripts_run_under_the_content_security_policy(admin_page, organisations):
    page = admin_page
    page.goto("/admin/accounts/user/")
    # actions.js (an external script) wires the "select all" checkbox: it only works if scripts may run.
    page.check("#action-toggle")
    assert page.locator("input.action-select").first.is_checked()
    page.goto(f"/admin/accounts/user/{page.superuser.pk}/change/")
    # SelectFilter2.js turns the permission list into the two-box widget.
    page.wait_for_selector(".selector-available")
    assert page.csp_violations == []
