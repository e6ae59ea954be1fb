"""Site-wide qualities in a real browser: accessibility, keyboard use, no JavaScript, language, form errors."""

import pytest
from django.urls import reverse

from municipalities.models import Membership, Organisation
from municipalities.registry import load_registry
from notifications.models import Notification
from notifications.services import mark_read, notify

from .helpers import PASSWORD, assert_css_loaded, check_axe, log_in, make_user, visit

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "home",
    "about",
    "about_data",
    "accessibility",
    "privacy",
    "contact",
    "account_login",
    "account_signup",
    "api:docs",
]


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
                href: el.getAttribute('href'), cls: el.className, type: el.getAttribute('type'),
                visibleFocus: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                    || style.boxShadow !== 'none',
            };
        }"""
    )


def tab_to(page, selector: str, *, limit: int = 40) -> list[dict]:
    """Press Tab until the element matching selector has focus; return every stop on the way."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return stops
    raise AssertionError(f"{selector} never got focus; stops: {[(s['tag'], s['id'] or s['href']) for s in stops]}")


def test_public_pages_are_styled_and_pass_axe(page, organisations):
    for name in PUBLIC_PAGES:
        visit(page, reverse(name))
        assert_css_loaded(page)
        assert page.locator("h1").count() == 1, f"{name}: exactly one h1"
        # Header, content and footer share one left edge.
        edges = page.evaluate(
            """() => ['.site-logo', 'main h1', '.site-footer__name']
                .map(s => Math.round(document.querySelector(s).getBoundingClientRect().left))"""
        )
        assert len(set(edges)) == 1, f"{name}: logo, h1 and footer start at {edges}"
    for organisation in organisations.values():
        if isinstance(organisation, Organisation):
            visit(page, organisation.get_absolute_url())
            assert page.locator("h1").count() == 1
    # An old municipality number that no longer exists is explained, not a dead end.
    visit(page, reverse("municipalities:list") + "?q=zzz")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, organisations):
    visit(page, reverse("municipalities:list"))
    page.keyboard.press("Tab")
    first = focused(page)
    assert "ds-skip-link" in first["cls"] and first["href"] == "#main", first
    assert page.locator("a.ds-skip-link").is_visible(), "the skip link shows when focused"
    check_axe(page, context="(skip link focused)")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def test_every_header_control_shows_focus(page, organisations):
    visit(page, reverse("home"))
    stops = tab_to(page, "footer a[href$='/kontakt/']", limit=60)
    # The skip link needs no outline: it is invisible until it has focus (checked in its own test).
    stops = [s for s in stops if "ds-skip-link" not in s["cls"]]
    invisible = [(s["tag"], s["id"] or s["href"] or s["name"]) for s in stops if not s["visibleFocus"]]
    assert not invisible, f"focus is not visible on: {invisible}"


def test_sign_up_form_works_with_the_keyboard_only(page, organisations, mailoutbox):
    visit(page, reverse("account_signup"))
    tab_to(page, "#id_full_name")
    page.keyboard.type("Tastatur Testesen")
    order = []
    for value in ["tastatur@example.no", PASSWORD, PASSWORD]:
        page.keyboard.press("Tab")
        order.append(focused(page)["id"])
        page.keyboard.type(value)
    assert order == ["id_email", "id_password1", "id_password2"]
    page.keyboard.press("Tab")
    submit = focused(page)
    assert submit["tag"] == "button" and submit["type"] == "submit", submit
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_axe(page)
    assert page.url.endswith(reverse("account_email_verification_sent"))
    assert [m.to for m in mailoutbox] == [["tastatur@example.no"]]


def test_membership_decision_works_with_the_keyboard_only(page, organisations, org_admin):
    requester = make_user("per@example.no", full_name="Per Spør")
    membership = Membership.objects.create(user=requester, organisation=organisations["bergen"])
    log_in(page, org_admin.email)
    tab_to(page, f"#role-{membership.pk}")
    page.keyboard.press("ArrowDown")  # member → editor
    tab_to(page, "button[name=decision][value=approve]", limit=3)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_axe(page)
    membership.refresh_from_db()
    assert (membership.status, membership.role) == (Membership.Status.APPROVED, Membership.Role.EDITOR)


def test_site_works_without_javascript(new_page, live_server):
    """The full registry, filtered and joined with scripts switched off (htmx is only an enhancement)."""
    load_registry()
    user = make_user("uten.js@example.no", full_name="Uten Skript")
    page = new_page(java_script_enabled=False)
    checker = new_page()  # axe needs JavaScript: the same URLs are checked in a second, scripted page

    def axe_same_page():
        checker.goto(page.url)
        check_axe(checker)

    page.goto(reverse("account_login"))
    axe_same_page()
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(reverse("accounts:dashboard"))

    page.goto(reverse("municipalities:list"))
    all_links = page.locator("#organisation-results a").count()
    assert all_links > 350
    vestland = Organisation.objects.get(kind=Organisation.Kind.COUNTY_AUTHORITY, name="Vestland").county
    page.select_option("#id_county", str(vestland.pk))
    page.fill("#id_q", "Voss")
    with page.expect_navigation():
        page.click("form.filter-bar button[type=submit]")
    assert "q=Voss" in page.url and f"county={vestland.pk}" in page.url
    axe_same_page()
    voss = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY, name="Voss")
    links = page.locator("#organisation-results a")
    assert links.count() == 1
    assert links.first.get_attribute("href") == voss.get_absolute_url()

    with page.expect_navigation():
        links.first.click()
    axe_same_page()
    with page.expect_navigation():
        page.click(f"main a[href='{voss.join_url}']")
    axe_same_page()
    page.fill("textarea[name=message]", "Sendt uten JavaScript.")
    with page.expect_navigation():
        page.click("main form[method=post] button[type=submit]")
    assert page.url.endswith(reverse("accounts:dashboard"))
    axe_same_page()
    membership = Membership.objects.get(user=user, organisation=voss)
    assert membership.status == Membership.Status.PENDING
    assert membership.message == "Sendt uten JavaScript."


def test_language_switcher_goes_to_english_and_back(page, organisations):
    bergen = organisations["bergen"]
    visit(page, bergen.get_absolute_url())
    assert page.get_attribute("html", "lang") == "nb"
    with page.expect_navigation():
        page.click("form.language-switcher button[name=language][value=en]")
    check_axe(page)
    assert page.get_attribute("html", "lang") == "en"
    assert page.url.endswith(bergen.get_absolute_url()), "the switcher stays on the same page"
    assert page.locator("form.language-switcher button[name=language][value=en]").count() == 0
    # The button offering Norwegian is marked as Norwegian, for screen readers.
    back = page.locator("form.language-switcher button[name=language][value=nb]")
    assert back.get_attribute("lang") == "nb"
    with page.expect_navigation():
        back.click()
    check_axe(page)
    assert page.get_attribute("html", "lang") == "nb"
    assert page.url.endswith(bergen.get_absolute_url())


def test_sign_up_with_mismatching_passwords_shows_the_error_at_the_field(page, organisations, mailoutbox):
    visit(page, reverse("account_signup"))
    page.fill("#id_full_name", "Feil Passordsen")
    page.fill("#id_email", "feil@example.no")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD + "x")
    with page.expect_navigation():
        page.click("main form[action$='/opprett-konto/'] button[type=submit]")
    check_axe(page, context="(with errors)")
    assert not mailoutbox
    # Without any script, focus starts on the error summary, so keyboard and screen-reader users hear it first.
    assert "ds-error-summary" in focused(page)["cls"]

    # At the field: marked invalid and described by the message right beside it.
    field = page.locator("#id_password2")
    assert field.get_attribute("aria-invalid") == "true"
    described_by = field.get_attribute("aria-describedby").split()
    assert "id_password2_error" in described_by
    error = page.locator("#id_password2_error")
    assert error.is_visible() and error.inner_text().strip()
    assert page.evaluate(
        "() => document.getElementById('id_password2').closest('.ds-field')"
        ".contains(document.getElementById('id_password2_error'))"
    )
    # And in a summary at the top that links to the field.
    summary = page.locator("main .ds-error-summary")
    assert summary.is_visible()
    link = summary.locator("a[href='#id_password2']")
    assert error.inner_text().strip() in link.inner_text()
    link.click()
    assert focused(page)["id"] == "id_password2"

    # Nothing typed is lost except the passwords.
    assert page.input_value("#id_full_name") == "Feil Passordsen"
    assert page.input_value("#id_email") == "feil@example.no"

    # A weak password gets several messages; the field is described by all of them and by its help text.
    page.fill("#id_password1", "12345")
    page.fill("#id_password2", "12345")
    with page.expect_navigation():
        page.click("main form[action$='/opprett-konto/'] button[type=submit]")
    check_axe(page, context="(several errors on one field)")
    assert page.get_attribute("#id_password1", "aria-invalid") == "true"
    for target in page.get_attribute("#id_password1", "aria-describedby").split():
        description = page.locator(f"[id='{target}']")
        assert description.count() == 1 and description.inner_text().strip(), f"#{target} is missing or empty"
    assert page.locator("#id_password1_error .ds-validation-message").count() >= 2
    assert page.locator("#id_password1_helptext li").count() >= 2, "the password rules are in the help text"


def test_membership_request_page_needs_login_and_comes_back(page, organisations):
    bergen = organisations["bergen"]
    user = make_user("tilbake@example.no")
    visit(page, bergen.get_absolute_url())
    with page.expect_navigation():
        page.click(f"main a[href^='{reverse('account_login')}']")
    check_axe(page)
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert page.url.endswith(bergen.join_url), "after logging in the visitor lands on the join form"
    check_axe(page)


def test_account_and_member_pages_pass_axe(page, organisations, org_admin):
    bergen = organisations["bergen"]
    Membership.objects.create(user=make_user("venter@example.no"), organisation=bergen, message="Hei!")
    notify(recipients=[org_admin], kind="x", text="Et langt varsel " * 12, url=bergen.get_absolute_url(), email=False)
    notify(recipients=[org_admin], kind="x", text="Et lest varsel", url="/", email=False)
    mark_read(user=org_admin, notification_ids=[Notification.objects.order_by("pk").last().pk])
    log_in(page, org_admin.email)
    for path in [
        reverse("notifications:list"),
        bergen.get_absolute_url(),
        bergen.members_url,
        reverse("accounts:profile"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("accounts:delete"),
    ]:
        visit(page, path)
        assert page.locator("h1").count() == 1, f"{path}: exactly one h1"


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(new_page, organisations):
    """WCAG 1.4.10: content fits a 320 CSS pixel wide screen (400 % zoom of 1280)."""
    page = new_page(viewport={"width": 320, "height": 640})
    for path in [
        reverse("home"),
        reverse("municipalities:list"),
        organisations["bergen"].get_absolute_url(),
        reverse("account_signup"),
    ]:
        visit(page, path)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
