"""`manage.py clean_uploads` deletes files that nothing refers to, never a file a version can restore,
and never a fresh one (issue 7: 26 files on disk against 3 referenced rows)."""

import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from projects import services
from projects.models import Project

from .conftest import make_project
from .test_uploads import PDF, PNG

TWO_DAYS = 2 * 24 * 3600


def _document(title="Rapport", name="rapport.pdf", data=PDF) -> dict:
    return {
        "title": title,
        "kind": "research",
        "file": SimpleUploadedFile(name, data),
        "content_type": "application/pdf",
    }


def _image(alt_text="Et bilde") -> dict:
    return {"image": SimpleUploadedFile("b.png", PNG), "alt_text": alt_text, "content_type": "image/png"}


def _age(media, seconds=TWO_DAYS):
    """Make every file under `media` look `seconds` old."""
    past = time.time() - seconds
    for path in media.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def _files(media) -> set[str]:
    return {str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()}


def _clean(*args) -> str:
    out = io.StringIO()
    call_command("clean_uploads", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def project(media, organisation):
    return make_project(owner=organisation, title="Med filer", documents=[_document()], images=[_image()])


def test_files_of_current_rows_are_kept(media, project):
    _age(media)
    before = _files(media)
    assert len(before) == 2
    assert "Deleted 0 unreferenced files" in _clean()
    assert _files(media) == before


def test_a_replaced_or_deleted_file_is_kept_while_a_version_can_restore_it(media, project):
    old_document = project.documents.get()
    old_name = old_document.file.name
    image_name = project.images.get().image.name
    services.update_project(
        project=project, by=None, documents=[{**_document(title="Ny rapport"), "id": None}], images=[]
    )
    assert project.documents.get().file.name != old_name
    _age(media)
    _clean()
    assert {old_name, image_name} <= _files(media)

    services.restore_version(project=project, version=project.versions.get(number=1), by=None)
    assert project.documents.get().file.name == old_name
    assert project.documents.get().file.read() == PDF
    assert project.images.get().image.name == image_name


def test_an_orphan_is_deleted_and_a_fresh_one_kept(media, project):
    orphans = media / "projects" / "documents"
    (orphans / "foreldet.pdf").write_bytes(PDF)
    _age(media)
    (orphans / "lastes-opp-naa.pdf").write_bytes(PDF)  # an upload whose row is not saved yet
    (media / "annet.txt").write_bytes(b"outside projects/")
    assert "Deleted 1 unreferenced files" in _clean()
    files = _files(media)
    assert "projects/documents/foreldet.pdf" not in files
    assert {"projects/documents/lastes-opp-naa.pdf", "annet.txt"} <= files
    assert len(files) == 4


def test_files_of_a_deleted_project_are_deleted(media, project):
    project.delete()  # its versions go with it, so nothing can restore the files
    _age(media)
    assert "Deleted 2 unreferenced files" in _clean()
    assert _files(media) == set()


def test_a_display_version_is_kept(media, organisation):
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), "blue").save(buffer, "PNG")
    from projects.uploads import prepare_image

    prepared = prepare_image(SimpleUploadedFile("stort.png", buffer.getvalue()), "image/png")
    project = make_project(
        owner=organisation,
        title="Stort bilde",
        images=[{"image": prepared.original, "display": prepared.display, "alt_text": "Blått"}],
    )
    display = project.images.get().display.name
    _age(media)
    _clean()
    assert display in _files(media)


def test_dry_run_lists_and_deletes_nothing(media, project):
    (media / "projects" / "images" / "foreldet.png").write_bytes(PNG)
    _age(media)
    out = _clean("--dry-run")
    assert "projects/images/foreldet.png" in out
    assert "Would delete 1 unreferenced files" in out
    assert "projects/images/foreldet.png" in _files(media)


def test_grace_period_is_configurable(media, project):
    (media / "projects" / "images" / "foreldet.png").write_bytes(PNG)
    _age(media, seconds=3 * 3600)
    assert "Deleted 0" in _clean()
    assert "Deleted 1" in _clean("--grace-hours", "2")
    with pytest.raises(CommandError):
        _clean("--grace-hours", "0")


def test_nothing_to_do_without_uploads(media, db):
    assert not Project.objects.exists()
    assert "Deleted 0 unreferenced files" in _clean()


def test_replaced_and_removed_slides_of_a_digital_visit_are_deleted_after_the_commit(
    media, project, django_capture_on_commit_callbacks
):
    from opendays.services import save_digital_visit

    with django_capture_on_commit_callbacks(execute=True):
        first = save_digital_visit(project=project, by=None, slides_file=SimpleUploadedFile("a.pdf", PDF)).slides_file
    first_name = first.name
    assert (media / first_name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        second = save_digital_visit(project=project, by=None, slides_file=SimpleUploadedFile("b.pdf", PDF)).slides_file
    assert not (media / first_name).exists()
    assert (media / second.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        save_digital_visit(project=project, by=None, remove_slides=True)
    assert not (media / second.name).exists()


def test_clean_uploads_also_sweeps_the_open_days_slides(media, project):
    from opendays.services import save_digital_visit

    kept = save_digital_visit(project=project, by=None, slides_file=SimpleUploadedFile("a.pdf", PDF)).slides_file.name
    left_behind = media / "opendays" / "slides" / "0123456789abcdef.pdf"  # e.g. from a rolled-back save
    left_behind.write_bytes(PDF)
    _age(media)
    assert "opendays/slides/0123456789abcdef.pdf" in _clean("--dry-run")
    assert left_behind.exists()
    assert "Deleted 1 unreferenced files" in _clean()
    assert not left_behind.exists()
    assert (media / kept).exists()
    assert len(_files(media)) == 3  # the project's document and image, and the slides
