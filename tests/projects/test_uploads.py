"""Uploads are checked by their real content and size, stored under random names, and served safely."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, PngImagePlugin

from projects import services
from projects.forms import DocumentForm, ImageForm
from projects.uploads import MAX_DOCUMENT_SIZE, check_document, check_image

from .conftest import make_project
from .helpers import add_row, edit_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def test_a_pdf_is_accepted():
    assert check_document(SimpleUploadedFile("rapport.pdf", PDF)) == ("application/pdf", ".pdf")


def test_html_renamed_to_pdf_is_rejected():
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile("rapport.pdf", HTML, content_type="application/pdf"))


def test_html_renamed_to_txt_is_rejected():
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile("notat.txt", HTML))


def test_svg_is_rejected_as_document_and_as_image():
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile("figur.svg", SVG))
    with pytest.raises(ValidationError):
        check_image(SimpleUploadedFile("figur.png", SVG, content_type="image/png"))


def test_plain_csv_is_accepted():
    assert check_document(SimpleUploadedFile("tall.csv", "år;verdi\n2024;3\n".encode()))[0] == "text/csv"


def test_too_large_document_is_rejected():
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * (MAX_DOCUMENT_SIZE + 1))
    with pytest.raises(ValidationError, match="for stor"):
        check_document(upload)


def test_a_broken_image_is_rejected():
    with pytest.raises(ValidationError):
        check_image(SimpleUploadedFile("bilde.png", PNG[:20]))


def test_document_form_stores_under_detected_extension():
    form = DocumentForm(
        data={"title": "Rapport", "kind": "research"},
        files={"file": SimpleUploadedFile("rapport.html", PDF)},
    )
    assert form.is_valid(), form.errors
    row = form.row()
    assert row["file"].name == "upload.pdf"
    assert row["original_name"] == "rapport.html"
    assert row["content_type"] == "application/pdf"


def test_document_form_needs_a_file_or_a_link():
    form = DocumentForm(data={"title": "Rapport", "kind": "research"})
    assert not form.is_valid()
    assert "file" in form.errors


def test_image_form_requires_alt_text():
    form = ImageForm(data={"alt_text": ""}, files={"image": SimpleUploadedFile("b.png", PNG)})
    assert not form.is_valid()
    assert "alt_text" in form.errors


@pytest.fixture
def stored(published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.update_project(
        project=published,
        by=None,
        documents=[
            {
                "title": "Rapport",
                "kind": "research",
                "file": SimpleUploadedFile("upload.pdf", PDF),
                "original_name": "Sluttrapport.pdf",
                "content_type": "application/pdf",
            }
        ],
        images=[{"image": SimpleUploadedFile("image.png", PNG), "alt_text": "Rødt", "content_type": "image/png"}],
    )
    return published


def test_files_get_random_names_under_media_projects(stored, tmp_path):
    name = stored.documents.get().file.name
    assert name.startswith("projects/documents/")
    assert "Sluttrapport" not in name
    assert (tmp_path / name).exists()


def test_document_download_is_an_attachment_with_safe_headers(client, stored):
    response = client.get(stored.documents.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "Sluttrapport.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == PDF


def test_image_is_served_inline_as_an_image(client, stored):
    response = client.get(stored.images.get().get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"].startswith("sandbox")


# The edit form of a project with stored files (issue 7, High: saving gave a 500 and lost the input)


def _edit(client, project, **overrides):
    project.refresh_from_db()
    return client.post(f"/prosjekter/{project.slug}/rediger/", edit_data(project, **overrides))


def _formset_errors(response, key) -> list[str]:
    formset = next(formset for name, _legend, formset in response.context["formsets"] if name == key)
    return list(formset.non_form_errors())


def test_a_project_with_files_saves_without_choosing_new_ones(client, editor, stored, tmp_path):
    client.force_login(editor)
    document, image = stored.documents.get(), stored.images.get()

    response = _edit(client, stored, summary="Endret uten nye filer.")
    assert response.status_code == 302, response.context and response.context["form"].errors
    stored.refresh_from_db()
    assert stored.summary == "Endret uten nye filer."
    assert stored.documents.get().file.name == document.file.name
    assert stored.images.get().image.name == image.image.name
    assert (tmp_path / document.file.name).exists()

    response = _edit(client, stored, **{"documents-0-DELETE": "on"})
    assert response.status_code == 302
    assert not stored.documents.exists()
    assert stored.images.get().image.name == image.image.name


def test_a_forged_image_row_is_a_form_error(client, editor, stored):
    client.force_login(editor)
    response = _edit(client, stored, **{"images-0-id": "999999"})
    assert response.status_code == 200
    assert _formset_errors(response, "images") == [
        "En rad i denne delen av skjemaet finnes ikke lenger. Last inn siden på nytt."
    ]
    assert stored.images.count() == 1 and stored.documents.count() == 1


def test_another_projects_image_row_is_a_form_error(client, editor, stored, organisation):
    other = make_project(
        owner=organisation,
        title="Et annet prosjekt",
        images=[{"image": SimpleUploadedFile("i.png", PNG), "alt_text": "Blått", "content_type": "image/png"}],
    )
    client.force_login(editor)
    response = _edit(client, stored, **{"images-0-id": str(other.images.get().pk)})
    assert response.status_code == 200
    assert _formset_errors(response, "images")
    assert stored.images.count() == 1 and other.images.count() == 1


def test_a_negative_total_forms_is_a_form_error(client, editor, stored):
    client.force_login(editor)
    response = _edit(client, stored, **{"documents-TOTAL_FORMS": "-1"})
    assert response.status_code == 200
    assert _formset_errors(response, "documents")
    assert stored.documents.count() == 1 and stored.images.count() == 1


# Stored images carry no metadata and are bounded in size (issue 7, Low)


def _photo(fmt="JPEG", size=(40, 20), orientation=1, color="red") -> bytes:
    """A picture as a phone writes it: EXIF with the camera, GPS position and orientation, and more."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "SpyPhone"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (59.0, 54.0, 30.0), 3: "E", 4: (10.0, 45.0, 0.0)}
    extra = {"xmp": b"<x:xmpmeta>secret-xmp</x:xmpmeta>"}
    if fmt == "JPEG":
        extra["comment"] = b"secret-comment"
    elif fmt == "PNG":
        extra = {"pnginfo": PngImagePlugin.PngInfo()}
        extra["pnginfo"].add_text("Comment", "secret-text")
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, exif=exif, **extra)
    return buffer.getvalue()


def _metadata_free(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return not image.getexif() and not any(marker in data for marker in (b"SpyPhone", b"secret", b"Exif"))


def _image_form(data: bytes, name="bilde.jpg") -> ImageForm:
    return ImageForm(data={"alt_text": "Et bilde"}, files={"image": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("fmt", "name", "content_type"),
    [
        ("JPEG", "bilde.jpg", "image/jpeg"),
        ("PNG", "bilde.png", "image/png"),
        ("WEBP", "bilde.webp", "image/webp"),
    ],
)
def test_an_uploaded_image_is_stored_without_metadata_in_its_format(fmt, name, content_type):
    photo = _photo(fmt)
    assert not _metadata_free(photo)
    form = _image_form(photo, name)
    assert form.is_valid(), form.errors
    row = form.row()
    stored = row["image"].read()
    assert _metadata_free(stored)
    assert row["content_type"] == content_type
    assert Image.open(io.BytesIO(stored)).format == fmt
    assert row["image"].name == "image" + {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt]


def test_an_uploaded_image_is_turned_upright_by_its_exif_orientation():
    form = _image_form(_photo(size=(40, 20), orientation=6))  # 6: the camera was turned 90°
    assert form.is_valid(), form.errors
    assert Image.open(form.row()["image"]).size == (20, 40)


def test_an_image_uploaded_as_a_document_is_stored_without_metadata():
    form = DocumentForm(
        data={"title": "Kart", "kind": "other"}, files={"file": SimpleUploadedFile("kart.jpg", _photo())}
    )
    assert form.is_valid(), form.errors
    row = form.row()
    stored = row["file"].read()
    assert _metadata_free(stored)
    assert row["size"] == len(stored)
    assert row["original_name"] == "kart.jpg"


def test_an_image_over_40_megapixels_is_refused_at_the_field():
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")  # 81 megapixels in a few kilobytes
    form = ImageForm(data={"alt_text": "Stort"}, files={"image": SimpleUploadedFile("stort.png", buffer.getvalue())})
    assert not form.is_valid()
    assert form.errors["image"] == ["Bildet er for stort (9000 × 9000 piksler). Grensen er 40 megapiksler."]


def test_a_non_image_is_refused_by_the_image_field():
    form = ImageForm(data={"alt_text": "Falsk"}, files={"image": SimpleUploadedFile("falsk.png", PDF)})
    assert not form.is_valid()
    assert "image" in form.errors


def test_a_large_image_is_stored_bounded_with_a_display_version(client, editor, published, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    data = edit_data(published)
    add_row(data, "images", alt_text="Et bredt bilde")
    data["images-0-image"] = SimpleUploadedFile("bredt.jpg", _photo(size=(6000, 3000)))
    response = client.post(f"/prosjekter/{published.slug}/rediger/", data)
    assert response.status_code == 302, response.context and response.context["formsets"]
    image = published.images.get()
    assert Image.open(image.image.path).size == (2560, 1280)
    assert Image.open(image.display.path).size == (1280, 640)
    assert _metadata_free((tmp_path / image.display.name).read_bytes())

    page = client.get(published.get_absolute_url()).content.decode()
    assert f'src="{image.get_absolute_url()}"' in page
    assert f'href="{image.get_original_url()}"' in page
    shown = client.get(image.get_absolute_url())
    assert Image.open(io.BytesIO(b"".join(shown.streaming_content))).size == (1280, 640)
    original = client.get(image.get_original_url())
    assert original["Content-Type"] == "image/jpeg"
    assert original["Content-Disposition"].startswith("inline")
    assert Image.open(io.BytesIO(b"".join(original.streaming_content))).size == (2560, 1280)


def test_a_small_image_has_no_display_version_and_no_full_size_link(client, stored):
    image = stored.images.get()
    assert not image.display
    page = client.get(stored.get_absolute_url()).content.decode()
    assert image.get_original_url() not in page
    assert client.get(image.get_absolute_url()).status_code == 200


def test_replacing_an_image_drops_the_old_display_version(client, editor, stored):
    image = stored.images.get()
    image.display = "projects/images/gammel.jpg"
    image.save()
    client.force_login(editor)
    data = edit_data(stored)
    data["images-0-image"] = SimpleUploadedFile("ny.png", PNG)
    assert client.post(f"/prosjekter/{stored.slug}/rediger/", data).status_code == 302
    image.refresh_from_db()
    assert not image.display
