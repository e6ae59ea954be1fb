"""An editor uploads a document and an image through the real edit page, then saves the project again
and again without choosing new files (issue 7: this gave a 500 and lost the editor's input)."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from projects.models import Project

from .helpers import check_axe, log_in, make_user, visit

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _save(page) -> None:
    with page.expect_navigation():
        page.click(".save-bar button[type=submit]:not([name])")
    assert not page.locator(".ds-error-summary").count(), page.inner_text("main")
    assert page.url.endswith("/prosjekter/bildedeling/"), page.url


def test_editor_saves_a_project_with_a_document_and_an_image_again_and_again(page, organisations, settings, tmp_path):
    from municipalities.models import Membership
    from projects import services

    settings.MEDIA_ROOT = tmp_path
    editor = make_user("redaktor@bergen.kommune.no", full_name="Rune Redaktør")
    Membership.objects.create(
        user=editor,
        organisation=organisations["bergen"],
        role=Membership.Role.EDITOR,
        status=Membership.Status.APPROVED,
    )
    project = services.create_project(owner=organisations["bergen"], by=editor, title="Bildedeling")
    edit = reverse("projects:edit", kwargs={"slug": project.slug})
    log_in(page, editor.email)

    visit(page, edit)
    page.fill("#id_documents-0-title", "Sluttrapport")
    page.select_option("#id_documents-0-kind", "evaluation")
    page.set_input_files(
        "#id_documents-0-file", {"name": "sluttrapport.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.set_input_files("#id_images-0-image", {"name": "tavle.png", "mimeType": "image/png", "buffer": _png()})
    page.fill("#id_images-0-alt_text", "Tavle med gule lapper")
    _save(page)

    for summary in ("Første endring uten nye filer.", "Andre endring uten nye filer."):
        visit(page, edit)
        check_axe(page, context="(edit form with stored files)")
        page.fill("#id_summary", summary)
        _save(page)
        assert summary in page.inner_text("main")

    project = Project.objects.get()
    assert project.summary == "Andre endring uten nye filer."
    document, image = project.documents.get(), project.images.get()
    assert (tmp_path / document.file.name).exists() and (tmp_path / image.image.name).exists()

    link = page.locator("main a", has_text="Sluttrapport")
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.body() == PDF
    source = page.locator("main .project-images img").first.get_attribute("src")
    response = page.request.get(source)
    assert response.ok and response.headers["content-type"] == "image/png"
