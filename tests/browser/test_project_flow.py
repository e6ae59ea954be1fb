"""An editor registers a project from a blank form to published, with an upload and a validation
error on the way, and every page passes axe."""

import pytest
from django.urls import reverse

from projects.models import Project, Term

from .helpers import check_axe, log_in, make_user, visit

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_editor_registers_and_publishes_a_project(page, organisations, settings, tmp_path):
    from municipalities.models import Membership

    settings.MEDIA_ROOT = tmp_path
    editor = make_user("radgiver@bergen.kommune.no", full_name="Rita Rådgiver")
    Membership.objects.create(
        user=editor,
        organisation=organisations["bergen"],
        role=Membership.Role.EDITOR,
        status=Membership.Status.APPROVED,
    )
    log_in(page, editor.email)

    # Step 1: title and summary, then the draft is created and the full form opens.
    visit(page, reverse("projects:create"))
    page.fill("#id_title", "Digitalt nattilsyn")
    page.fill("#id_summary", "Sensorer erstatter unødvendige nattbesøk hos hjemmeboende.")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith("/prosjekter/digitalt-nattilsyn/rediger/")
    check_axe(page, context="(edit form)")
    assert "kontaktperson" in page.inner_text("#missing")  # the browser asks for Norwegian (nb-NO)

    # The story, a classification, a document, and a contact without a name (the validation error).
    page.fill("#id_need", "Mange nattbesøk vekker brukerne uten grunn.")
    page.fill("#id_solution", "Sensorer varsler ved behov.\n\nBesøk bare når noe skjer.")
    page.select_option("#id_phase", "innovation")
    health = Term.objects.get(vocabulary="service_area", slug="helse-og-omsorg")
    page.check(f"input[name=service_areas][value='{health.pk}']")
    page.fill("#id_documents-0-title", "Evaluering")
    page.select_option("#id_documents-0-kind", "evaluation")
    page.set_input_files(
        "#id_documents-0-file", {"name": "evaluering.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert page.input_value("#id_contacts-0-name") == "Rita Rådgiver"  # prefilled: the one registering
    page.fill("#id_contacts-0-name", "")
    page.fill("#id_contacts-0-email", "rita@bergen.kommune.no")
    with page.expect_navigation():
        page.click("button[name=publish]")
    summary = page.locator(".ds-error-summary").first
    assert summary.is_visible()
    assert "#id_contacts-0-name" in summary.inner_html()
    assert Project.objects.get().is_draft
    check_axe(page, context="(form with errors)")

    # Fix it; the chosen file was kept by the server (browsers do not keep it), so it need not be chosen again.
    assert "Valgt fil: evaluering.pdf (beholdes)" in page.inner_text("#part-documents")
    page.fill("#id_contacts-0-name", "Rita Rådgiver")
    with page.expect_navigation():
        page.click("button[name=publish]")
    project = Project.objects.get()
    assert project.is_published, page.inner_text("main")
    assert page.url.endswith(project.get_absolute_url())
    check_axe(page, context="(project page)")
    main = page.inner_text("main")
    assert "Mange nattbesøk vekker brukerne uten grunn." in main
    assert "Rita Rådgiver" in main

    # The document is downloadable as an attachment.
    link = page.locator("main a", has_text="Evaluering")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.body() == PDF

    # And the project is in the public list and in «My projects».
    visit(page, reverse("projects:list"))
    assert "Digitalt nattilsyn" in page.inner_text("main")
    visit(page, reverse("projects:mine"))
    assert "Digitalt nattilsyn" in page.inner_text("main")
