"""The project form in a real browser (issue 8): a new user from sign-up to a published project, counting
the steps; the long form by keyboard alone; without JavaScript; screenshots at 1366 and 375 px (looked at);
no sideways scrolling at 320 px; every page checked with axe."""

from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import User
from municipalities.models import Membership
from projects import services
from projects.models import Project, Term

from .helpers import PASSWORD, check_axe, log_in, make_user, visit
from .test_journey import link_in, sign_up

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/form-shots")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _editor(organisations, email="radgiver@bergen.kommune.no"):
    editor = make_user(email, full_name="Rita Rådgiver")
    role, status = Membership.Role.EDITOR, Membership.Status.APPROVED
    Membership.objects.create(user=editor, organisation=organisations["bergen"], role=role, status=status)
    return editor


def _draft(editor, organisations, **fields):
    return services.create_project(
        owner=organisations["bergen"], by=editor, title="Digitalt nattilsyn", summary="Sensorer om natten.", **fields
    )


def _fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, f"{page.url} scrolls sideways by {width} px at {page.viewport_size['width']} px"


def _focus_clear_of_the_save_bar(page) -> None:
    """WCAG 2.4.11: the focused element is not hidden behind the sticky save bar."""
    hidden = page.evaluate(
        """() => {
            const el = document.activeElement, bar = document.querySelector('.save-bar');
            if (!el || !bar || bar.contains(el) || el === document.body) return null;
            const r = el.getBoundingClientRect(), b = bar.getBoundingClientRect();
            return r.top >= b.top - 1 && r.bottom <= b.bottom + 1 ? (el.id || el.name || el.tagName) : null;
        }"""
    )
    assert hidden is None, f"{hidden} has the focus but is hidden behind the save bar"


def _tab_to(page, selector: str, *, limit: int = 250, shift: bool = False) -> int:
    """Press Tab until `selector` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if shift else "Tab")
        _focus_clear_of_the_save_bar(page)
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    pytest.fail(f"{selector} not reached by Tab in {limit} presses")


class Steps:
    """What a person does: each page opened by a click, each form sent."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def click(self, selector):
        self.count += 1
        with self.page.expect_navigation():
            self.page.click(selector)
        check_axe(self.page)


def test_a_new_user_goes_from_sign_up_to_a_published_project(
    new_page, live_server, organisations, org_admin, mailoutbox, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path
    bergen = organisations["bergen"]
    page = new_page()
    steps = Steps(page)

    visit(page, reverse("account_signup"))
    sign_up(page, full_name="Nora Nybegynner", email="nora@bergen.kommune.no", password=PASSWORD)
    steps.count += 1
    visit(page, link_in(mailoutbox[-1]))
    steps.count += 1
    steps.click("main form[method=post] button[type=submit]")
    visit(page, bergen.join_url)
    steps.count += 1
    page.fill("textarea[name=message]", "Innovasjonsrådgiver i helseetaten.")
    steps.click("main form[method=post] button[type=submit]")
    membership = Membership.objects.get(user__email="nora@bergen.kommune.no")
    membership.status, membership.role = Membership.Status.APPROVED, Membership.Role.EDITOR  # the admin's part
    membership.save()

    # «Prosjekter» → «Registrer et prosjekt»
    steps.click(f"nav.site-nav a[href='{reverse('projects:list')}']")
    steps.click(f"main a[href='{reverse('projects:create')}']")
    page.fill("#id_title", "Digitalt nattilsyn")
    page.fill("#id_summary", "Sensorer erstatter unødvendige nattbesøk hos hjemmeboende.")
    steps.click("main form button[type=submit]")
    assert page.url.endswith("/rediger/")
    assert "1 av 5 deler klare" in page.inner_text("#progress")
    # The first contact person is already there: the new user.
    assert page.input_value("#id_contacts-0-name") == "Nora Nybegynner"
    assert page.input_value("#id_contacts-0-email") == "nora@bergen.kommune.no"

    page.fill("#id_need", "Mange nattbesøk vekker brukerne uten grunn.")
    page.fill("#id_solution", "Sensorer varsler ved behov.")
    health = Term.objects.get(vocabulary="service_area", slug="helse-og-omsorg")
    page.check(f"input[name=service_areas][value='{health.pk}']")
    page.select_option("#id_phase", "innovation")
    steps.click("button[name=publish]")
    project = Project.objects.get()
    assert project.is_published, page.inner_text("main")
    assert project.contacts.get().name == "Nora Nybegynner"
    assert page.url.endswith(project.get_absolute_url())
    # Sign up, confirm (link and button), join (page and send), «Prosjekter», «Registrer», start, publish: 10.
    assert steps.count <= 10, steps.count


def test_the_long_form_by_keyboard_alone(page, organisations):
    editor = _editor(organisations)
    project = _draft(editor, organisations)
    log_in(page, editor.email)
    visit(page, reverse("projects:edit", args=[project.slug]))
    page.set_viewport_size({"width": 1366, "height": 768})

    # The section menu takes you to a part.
    _tab_to(page, "a[href='#part-adoption']")
    page.keyboard.press("Enter")
    _tab_to(page, "#id_core")
    page.keyboard.type("Sensorene og varslingsrutinen.")

    # Add an actor in place (htmx): the new row's first field gets the focus.
    _tab_to(page, "button[name=add_row][value=actors]", shift=True)
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_actors-2-actor")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'id_actors-2-actor'")
    assert page.input_value("#id_actors-TOTAL_FORMS") == "3"
    page.keyboard.type("NTNU")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_actors-2-actor_type"
    page.keyboard.press("ArrowDown")
    check_axe(page, context="(a row added)")

    # Remove the first (empty) actor row in place, and take it back.
    _tab_to(page, "#row-actors-0 .row-remove", shift=True)
    page.keyboard.press("Enter")
    assert page.is_checked("#id_actors-0-DELETE")
    assert page.evaluate("() => document.activeElement.textContent") == "Angre"
    page.keyboard.press("Enter")
    assert not page.is_checked("#id_actors-0-DELETE")

    # Save with the part's own button: back at the part, told it was saved.
    _tab_to(page, "button[name=section][value=actors]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_axe(page, context="(part saved)")
    assert "lagret=actors" in page.url
    assert page.locator("#part-actors .part-saved").inner_text() == "Lagret."
    project.refresh_from_db()
    assert project.core == "<p>Sensorene og varslingsrutinen.</p>"
    assert project.project_actors.get().actor.name == "NTNU"

    # The sticky save bar is always at hand: on screen at the top, in the middle and at the end of the form.
    for where in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
        page.evaluate(f"() => window.scrollTo(0, {where})")
        on_screen = page.evaluate(
            """() => {
                const r = document.querySelector('.save-bar button[type=submit]').getBoundingClientRect();
                return r.top >= 0 && r.bottom <= window.innerHeight;
            }"""
        )
        assert on_screen, f"the save bar is off screen at scroll {where}"


def test_the_form_works_without_javascript(new_page, organisations, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    editor = _editor(organisations)
    project = _draft(editor, organisations)
    # Without JavaScript axe cannot run (its timers do not), so this walk checks behaviour only; the same pages
    # are checked with axe in the other walks.
    page = new_page(java_script_enabled=False)
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", editor.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    page.goto(reverse("projects:edit", args=[project.slug]))

    # A document is chosen, and a row is added with the form's own button: the file is kept.
    page.fill("#id_documents-0-title", "Evaluering")
    page.set_input_files("#id_documents-0-file", {"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": PDF})
    with page.expect_navigation():
        page.click("button[name=add_row][value=benefits]")
    assert page.locator("#id_benefits-1-indicator").count() == 1
    assert "Valgt fil: rapport.pdf (beholdes)" in page.inner_text("#part-documents")
    page.fill("#id_benefits-1-indicator", "Nattbesøk")

    # Co-owners are a plain list of checkboxes, named with number and county.
    page.check("label:has-text('Voss (4621, Vestland)')")
    page.fill("#id_title", "")  # an error elsewhere: the file is still kept
    with page.expect_navigation():
        page.click(".save-bar button[type=submit]:not([name])")
    assert "Valgt fil: rapport.pdf (beholdes)" in page.inner_text("#part-documents")
    page.fill("#id_title", "Digitalt nattilsyn")
    with page.expect_navigation():
        page.click(".save-bar button[type=submit]:not([name])")
    project.refresh_from_db()
    assert project.documents.get().original_name == "rapport.pdf"
    assert project.benefits.get().indicator == "Nattbesøk"
    assert list(project.co_owners.values_list("name", flat=True)) == ["Voss"]


def test_the_pickers_filter_with_javascript(page, organisations):
    from tests.factories import make_organisation

    for number in range(8):
        make_organisation(name=f"Testkommune {number}", county=organisations["county"])
    editor = _editor(organisations)
    project = _draft(editor, organisations)
    log_in(page, editor.email)
    visit(page, reverse("projects:edit", args=[project.slug]))
    page.fill("#part-ownership .picker-filter input", "voss")
    voss = page.locator("label:has-text('Voss (4621, Vestland)')")
    assert voss.is_visible()
    assert not page.locator("label:has-text('Testkommune 3')").is_visible()
    assert "1 vises" in page.inner_text("#part-ownership .picker-count")
    voss.click()
    check_axe(page, context="(filtered picker)")


@pytest.mark.parametrize("width", [1366, 375, 320])
def test_screenshots_and_no_sideways_scrolling(new_page, organisations, width):
    editor = _editor(organisations)
    project = _draft(editor, organisations, need="<p>Behov.</p>")
    page = new_page(viewport={"width": width, "height": 900 if width > 1000 else 740})
    log_in(page, editor.email)
    visit(page, reverse("projects:edit", args=[project.slug]))
    _fits(page)
    page.fill("#id_title", "")
    with page.expect_navigation():
        page.click(".save-bar button[type=submit]:not([name])")
    check_axe(page, context="(errors)")
    _fits(page)
    if width != 320:
        SHOTS.mkdir(exist_ok=True)
        page.goto(reverse("projects:edit", args=[project.slug]))
        page.screenshot(path=SHOTS / f"form-{width}.png")
        page.screenshot(path=SHOTS / f"form-{width}-full.png", full_page=True)
        page.locator("#part-actors").scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"form-{width}-rows.png")
        page.goto(reverse("projects:edit", args=[project.slug]))
        page.fill("#id_title", "")
        with page.expect_navigation():
            page.click(".save-bar button[type=submit]:not([name])")
        page.screenshot(path=SHOTS / f"form-{width}-errors.png")
    assert User.objects.count() == 1
