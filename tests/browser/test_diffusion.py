"""CopyCat in a real browser: Voss finds Bergen's project, copies it, adapts and publishes the copy; Bergen's
editor is told, confirms the adoption, and the curve and the lineage show it. Every page passes axe, and the
new pages fit a 320 px screen."""

import pytest
from django.urls import reverse

from diffusion.models import Adoption
from municipalities.models import Membership
from projects import services
from projects.models import Project, Term

from .helpers import check_axe, log_in, log_out, make_user, visit

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


def _published_source(organisations, editor):
    health = Term.objects.get(vocabulary="service_area", slug="helse-og-omsorg")
    project = services.create_project(
        owner=organisations["bergen"],
        by=editor,
        title="Digitalt nattilsyn",
        summary="Sensorer erstatter unødvendige nattbesøk hos hjemmeboende.",
        need="Mange nattbesøk vekker brukerne uten grunn.",
        solution="Sensorer varsler ved behov.",
        core="<p>Sensorene varsler bare ved avvik.</p>",
        adaptation="<p>Rutinene for utrykning.</p>",
        needs_cost="300 000 kr i året",
        phase=Project.Phase.INNOVATION,
        service_areas=[health],
        contacts=[{"name": "Rita Rådgiver", "email": "rita@bergen.kommune.no"}],
    )
    services.publish_project(project=project, by=editor)
    return project


def _member(email, organisation, role=Membership.Role.EDITOR, name="Navn Navnesen"):
    user = make_user(email, full_name=name)
    Membership.objects.create(user=user, organisation=organisation, role=role, status=Membership.Status.APPROVED)
    return user


def test_copy_adapt_publish_confirm_and_see_it_spread(page, organisations):
    bergen_editor = _member("rita@bergen.kommune.no", organisations["bergen"], name="Rita Rådgiver")
    voss_editor = _member("vidar@voss.kommune.no", organisations["voss"], name="Vidar Voss")
    source = _published_source(organisations, bergen_editor)

    # Voss finds the project and copies it.
    log_in(page, voss_editor.email)
    visit(page, reverse("projects:list") + "?q=nattilsyn")
    with page.expect_navigation():
        page.click(f"a[href='{source.get_absolute_url()}']")
    check_axe(page, context="(source project)")
    with page.expect_navigation():
        page.click("text=Kopier til min kommune")
    check_axe(page, context="(copy form)")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    copy = Project.objects.get(owner=organisations["voss"])
    assert page.url.endswith(reverse("projects:edit", kwargs={"slug": copy.slug}) + "#part-tilpasning")
    check_axe(page, context="(edit form of the copy)")

    # Adapt it and publish it.
    page.fill("#id_adapted_keep", "Sensorene og varslingen.")
    page.fill("#id_adapted_change", "Vi bruker eget responssenter, fordi vi er mindre.")
    page.fill("#id_adapted_context", "Voss har spredt bosetting og lange avstander.")
    page.select_option("#id_phase", "innovation")
    page.fill("#id_contacts-0-name", "Vidar Voss")
    with page.expect_navigation():
        page.click("button[name=publish]")
    copy.refresh_from_db()
    assert copy.is_published, page.inner_text("main")
    assert copy.adapted_change.startswith("Vi bruker")
    check_axe(page, context="(published copy)")
    assert "Slik ble det tilpasset her" in page.inner_text("main")
    log_out(page)

    # Bergen's editor is told, and confirms.
    log_in(page, bergen_editor.email)
    visit(page, reverse("notifications:list"))
    assert "Voss" in page.inner_text("main")
    adoption = Adoption.objects.get()
    visit(page, adoption.get_absolute_url())
    page.check("input[name=decision][value=confirm]")
    with page.expect_navigation():
        page.click("form[action$='/bekreft/'] button[type=submit]")
    check_axe(page, context="(confirmed adoption)")
    adoption.refresh_from_db()
    assert adoption.is_confirmed

    # The curve and the lineage show it, on the source and on /spredning/.
    visit(page, source.get_absolute_url())
    assert page.locator("svg.curve-chart").is_visible()
    lineage = page.locator("nav.lineage")
    assert copy.title in lineage.inner_text() and "Voss" in lineage.inner_text()
    assert "Voss" in page.locator(".diffusion table").first.inner_text()
    visit(page, reverse("diffusion:overview"))
    assert "Voss" in page.locator("#network table").inner_text()


def _overflow(page, path: str) -> str | None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    check_axe(page, context="(320 px)")
    return page.evaluate(
        """(path) => {
            const doc = document.documentElement, vw = doc.clientWidth;
            if (doc.scrollWidth <= vw) return null;
            return `${path} is ${doc.scrollWidth} px wide (viewport ${vw})`;
        }""",
        path,
    )


def test_diffusion_pages_fit_320_px(new_page, organisations):
    from diffusion import services as diffusion_services

    bergen_editor = _member("rita@bergen.kommune.no", organisations["bergen"], name="Rita Rådgiver")
    voss_member = _member("vera@voss.kommune.no", organisations["voss"], role=Membership.Role.MEMBER)
    source = _published_source(organisations, bergen_editor)
    adoption = diffusion_services.declare_adoption(source=source, organisation=organisations["voss"], by=voss_member)
    diffusion_services.confirm_adoption(adoption=adoption, by=bergen_editor, confirm=True)
    page = new_page(viewport=PHONE)
    log_in(page, voss_member.email)
    paths = [
        source.get_absolute_url(),
        reverse("diffusion:overview"),
        adoption.get_absolute_url(),
        reverse("diffusion:adoption_edit", kwargs={"pk": adoption.pk}),
        reverse("diffusion:adoption_report", kwargs={"pk": adoption.pk}),
        reverse("diffusion:project_adoptions", kwargs={"slug": source.slug}),
        organisations["bergen"].get_absolute_url(),
    ]
    problems = [problem for path in paths if (problem := _overflow(page, path))]
    assert not problems, "\n".join(problems)
