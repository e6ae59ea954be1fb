"""The core loop's first step in a real browser: sign up, verify, ask to join, get approved."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from municipalities.models import Membership

from .helpers import PASSWORD, assert_css_loaded, check_axe, log_in, log_out, visit

pytestmark = pytest.mark.browser

NEW_EMAIL = "nora.nybegynner@example.no"


def sign_up(page, *, full_name, email, password, password_again=None):
    """Fill in and send the sign-up form (already open)."""
    page.fill("#id_full_name", full_name)
    page.fill("#id_email", email)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password if password_again is None else password_again)
    with page.expect_navigation():
        page.click("main form[action$='/opprett-konto/'] button[type=submit]")
    check_axe(page)


def link_in(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, f"no link in the email:\n{message.body}"
    return match.group(0)


def test_visitor_signs_up_joins_a_municipality_and_is_approved_as_editor(
    new_page, live_server, organisations, org_admin, mailoutbox, settings
):
    settings.SITE_URL = live_server.url  # mailed links are built from SITE_URL
    bergen = organisations["bergen"]
    page = new_page()

    # An anonymous visitor finds «Opprett konto» in the header.
    visit(page, reverse("home"))
    assert_css_loaded(page)
    with page.expect_navigation():
        page.click(f"header a[href='{reverse('account_signup')}']")
    check_axe(page)

    sign_up(page, full_name="Nora Nybegynner", email=NEW_EMAIL, password=PASSWORD)
    assert page.url.endswith(reverse("account_email_verification_sent")), page.url

    # The verification email links to SITE_URL, this server; confirming logs the new user in.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [NEW_EMAIL]
    confirm_url = link_in(mailoutbox[0])
    assert confirm_url.startswith(live_server.url)
    visit(page, confirm_url)
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    check_axe(page)
    assert page.url.endswith(reverse("accounts:dashboard")), page.url
    assert page.locator("header form[action$='/logg-ut/']").is_visible()
    user = User.objects.get(email=NEW_EMAIL)
    assert user.full_name == "Nora Nybegynner"
    assert user.emailaddress_set.get().verified

    # «Kommuner»: filter for the municipality and open its page.
    with page.expect_navigation():
        page.click(f"nav.site-nav a[href='{reverse('municipalities:list')}']")
    check_axe(page)
    page.fill("#id_q", "Berg")
    page.press("#id_q", "Enter")
    results = page.locator("#organisation-results")
    results.locator(f"a[href='{bergen.get_absolute_url()}']").wait_for()
    page.wait_for_function("() => !document.querySelector(\"#organisation-results a[href$='/4621-voss/']\")")
    check_axe(page, context="(filtered)")
    with page.expect_navigation():
        results.locator(f"a[href='{bergen.get_absolute_url()}']").click()
    check_axe(page)

    # «Be om å bli medlem» with a message.
    with page.expect_navigation():
        page.click(f"main a[href='{bergen.join_url}']")
    check_axe(page)
    page.fill("textarea[name=message]", "Jeg er innovasjonsrådgiver i helseetaten.")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    check_axe(page)
    assert page.url.endswith(reverse("accounts:dashboard"))
    membership = Membership.objects.get(user=user, organisation=bergen)
    assert membership.status == Membership.Status.PENDING
    assert membership.message == "Jeg er innovasjonsrådgiver i helseetaten."
    # Mine sider shows the pending request, not only by colour: the badge carries the status as text.
    row = page.locator("main tr", has=page.locator(f"a[href='{bergen.get_absolute_url()}']"))
    badge = row.locator(".badge")
    assert "badge--warning" in badge.get_attribute("class")
    with translation.override("nb"):
        assert badge.inner_text().strip().lower() == str(Membership.Status.PENDING.label).lower()
    log_out(page)
    check_axe(page)
    assert page.locator(f"header a[href='{reverse('account_login')}']").is_visible()

    # The organisation's admin sees the request on Mine sider and approves it as editor.
    admin_page = new_page()
    log_in(admin_page, org_admin.email)
    decision = admin_page.locator(f"form[action='{reverse('municipalities:membership_decide', args=[membership.pk])}']")
    assert decision.is_visible()
    decision.locator("select[name=role]").select_option(Membership.Role.EDITOR)
    with admin_page.expect_navigation():
        decision.locator("button[name=decision][value=approve]").click()
    check_axe(admin_page)
    assert admin_page.url.endswith(reverse("accounts:dashboard"))
    assert not decision.count()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    assert membership.role == Membership.Role.EDITOR
    assert membership.decided_by == org_admin

    # The requester is told by email, logs in and sees the organisation and role on the profile.
    approval = mailoutbox[-1]
    assert approval.to == [NEW_EMAIL]
    assert "Bergen" in approval.subject + approval.body
    log_in(page, NEW_EMAIL)
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('accounts:profile')}']")
    check_axe(page)
    organisations_fact = page.locator("main dl.facts dd", has=page.locator(f"a[href='{bergen.get_absolute_url()}']"))
    with translation.override("nb"):
        assert str(Membership.Role.EDITOR.label) in organisations_fact.inner_text()
