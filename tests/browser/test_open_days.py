"""Open days in a real browser: an editor publishes an open day on the project page; a member of another
municipality finds it in /visningsdager/ and signs up without JavaScript, and sees the places left. Every
page passes axe, and the pages fit a 320 px screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opendays.models import OpenDay

from .helpers import PASSWORD, check_axe, log_in, log_out, make_user, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def _member(organisation, email, role):
    from municipalities.models import Membership

    user = make_user(email, full_name=email.split("@")[0].title())
    Membership.objects.create(user=user, organisation=organisation, role=role, status=Membership.Status.APPROVED)
    return user


def _published_project(owner, by):
    from projects import services
    from projects.models import Term

    project = services.create_project(
        owner=owner,
        by=by,
        title="Digitalt nattilsyn",
        summary="Sensorer erstatter unødvendige nattbesøk.",
        need="Mange nattbesøk vekker brukerne.",
        solution="Sensorer varsler ved behov.",
        phase="innovation",
        service_areas=[Term.objects.get(vocabulary="service_area", slug="helse-og-omsorg")],
        contacts=[{"name": "Rita Rådgiver", "role": "prosjektleder", "email": "rita@bergen.kommune.no"}],
    )
    services.publish_project(project=project, by=by)
    return project


def _fits(page, path):
    page.goto(path)
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, f"{path} is {width} px wider than a 320 px screen"


def log_in_without_javascript(page, email):
    """log_in() checks the page with axe, which needs JavaScript; here only the form is used."""
    page.goto("/konto/logg-inn/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert page.url.endswith("/mine-sider/"), page.url


def click(page, selector):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_editor_publishes_an_open_day_and_a_member_of_another_municipality_signs_up(new_page, organisations):
    from municipalities.models import Membership

    editor = _member(organisations["bergen"], "rita@bergen.kommune.no", Membership.Role.EDITOR)
    visitor = _member(organisations["voss"], "vera@voss.kommune.no", Membership.Role.MEMBER)
    project = _published_project(organisations["bergen"], editor)

    page = new_page()
    log_in(page, editor.email)
    visit(page, project.get_absolute_url())
    click(page, "main a:has-text('Publiser en visningsdag')")
    check_axe(page, context="(open day form)")
    day = timezone.localdate() + timedelta(days=21)
    page.fill("#id_title", "Visningsdag i Bergen")
    page.check("input[name=kind][value=physical]")
    page.fill("#id_starts_at", f"{day.isoformat()}T10:00")
    page.fill("#id_ends_at", f"{day.isoformat()}T09:00")  # before the start: an error at the field
    page.fill("#id_place", "Rådhuset, møterom 3")
    page.fill("#id_capacity", "2")
    page.fill("#id_sign_up_deadline", f"{(day - timedelta(days=3)).isoformat()}T12:00")
    click(page, "main form button[type=submit]")
    check_axe(page, context="(form with an error)")
    assert page.locator(".ds-error-summary").get_by_text("Slutten må være etter starten.").count() == 1
    page.fill("#id_ends_at", f"{day.isoformat()}T12:00")
    click(page, "main form button[type=submit]")
    check_axe(page, context="(open day page, host)")
    open_day = OpenDay.objects.get(title="Visningsdag i Bergen")
    assert page.url.endswith(open_day.get_absolute_url())
    assert "2 av 2 ledige" in page.inner_text("main")
    log_out(page)

    # The visitor, without JavaScript: the list, the open day, the sign-up form.
    plain = new_page(java_script_enabled=False)
    log_in_without_javascript(plain, visitor.email)
    plain.goto("/visningsdager/")
    click(plain, f"main a[href='{open_day.get_absolute_url()}']")
    click(plain, "main a:has-text('Meld deg på')")
    plain.fill("#id_note", "Vi kommer fra hjemmetjenesten.")
    click(plain, "main form button[type=submit]")
    assert "Du er påmeldt for Voss" in plain.inner_text("main")
    assert "1 av 2 ledige" in plain.inner_text("main")
    assert open_day.sign_ups.get().note == "Vi kommer fra hjemmetjenesten."

    # The same pages with JavaScript pass axe, and the project page offers the open day before the contact.
    log_in(page, visitor.email)
    for path in ["/visningsdager/", open_day.get_absolute_url(), f"/visningsdager/{open_day.pk}/meld-pa/"]:
        page.goto(path)
        check_axe(page)
    visit(page, project.get_absolute_url())
    aside = page.inner_text(".key-facts")
    assert aside.index("Visningsdag i Bergen") < aside.index("Kontakt")
    assert "1 plass ledig" in aside
    log_out(page)

    # The host sees the participant.
    log_in(page, editor.email)
    visit(page, f"/visningsdager/{open_day.pk}/deltakere/")
    assert "vera@voss.kommune.no" in page.inner_text("main")

    phone = new_page(viewport=PHONE)
    log_in(phone, editor.email)
    for path in [
        "/visningsdager/",
        open_day.get_absolute_url(),
        f"/visningsdager/{open_day.pk}/deltakere/",
        f"/visningsdager/{open_day.pk}/rediger/",
        project.get_absolute_url(),
        f"{project.get_absolute_url()}digitalt-besok/rediger/",
    ]:
        _fits(phone, path)
