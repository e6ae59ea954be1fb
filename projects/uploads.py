"""Uploads: checked by their real content type (magic bytes), not the name or the browser's claim; images
stored without metadata and bounded in size; files nothing refers to any more found for clean-up."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_IMAGE_SIZE = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # refused above this (a 5 MB file can hold a far larger image)
MAX_IMAGE_SIDE = 2560  # stored images are scaled down to this on the long side
DISPLAY_IMAGE_SIDE = 1280  # the version shown on the project page

DOCUMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv"}
_MARKUP = (b"<html", b"<!doctype", b"<svg", b"<script", b"<?xml", b"<body", b"<iframe")


def _head(upload, size=8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _plain_text_type(upload, head: bytes) -> str | None:
    """Plain text or CSV: valid UTF-8 with no markup that a browser might run."""
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if suffix not in TEXT_TYPES:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # The 8 KiB cut can split a character; retry without the last few bytes.
        try:
            head[:-4].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if b"\x00" in head or any(marker in head.lower() for marker in _MARKUP):
        return None
    return TEXT_TYPES[suffix]


def check_document(upload) -> tuple[str, str]:
    """(content type, extension) for an allowed document, or ValidationError."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_DOCUMENT_SIZE)},
        )
    head = _head(upload)
    kind = filetype.guess(head)
    if kind and kind.mime in DOCUMENT_TYPES:
        return kind.mime, DOCUMENT_TYPES[kind.mime]
    text_type = None if kind else _plain_text_type(upload, head)
    if text_type:
        return text_type, "." + upload.name.rsplit(".", 1)[-1].lower()
    raise ValidationError(
        _(
            "This file type is not allowed. Upload PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, WebP, "
            "CSV or plain text."
        )
    )


def _pixel_limit(image) -> None:
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is too large (%(width)s × %(height)s pixels). The limit is %(limit)s megapixels."),
            params={"width": width, "height": height, "limit": MAX_IMAGE_PIXELS // 1_000_000},
        )


def check_image(upload) -> tuple[str, str]:
    """(content type, extension) for an allowed image, or ValidationError. Pillow reads only the header
    here; forms.ImageField has verified the file, and `prepare_image` decodes it."""
    if upload.size > MAX_IMAGE_SIZE:
        raise ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMAGE_SIZE)},
        )
    kind = filetype.guess(_head(upload))
    if not kind or kind.mime not in IMAGE_TYPES:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
    try:
        with Image.open(upload) as image:
            _pixel_limit(image)
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ValidationError(_("The image file is damaged.")) from error
    finally:
        upload.seek(0)
    return kind.mime, IMAGE_TYPES[kind.mime]


# Stored images: decoded and encoded again, so nothing but the pixels (and the colour profile) is kept:
# no EXIF, GPS position, camera serial number, XMP or comments. EXIF orientation is applied first.

_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


@dataclass(frozen=True)
class PreparedImage:
    content_type: str
    original: ContentFile  # at most MAX_IMAGE_SIDE on the long side
    display: ContentFile | None  # at most DISPLAY_IMAGE_SIDE, for pages; None when the original is that small


def _encode(image, content_type: str, name: str, icc_profile: bytes | None) -> ContentFile:
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if content_type == "image/jpeg":
        options.update(quality=88, optimize=True)
    elif content_type == "image/webp":
        options.update(quality=88)
    buffer = io.BytesIO()
    image.save(buffer, _FORMATS[content_type], **options)
    return ContentFile(buffer.getvalue(), name=name)


def _shrunk(image, side: int):
    if max(image.size) <= side:
        return image
    if image.mode in ("1", "P"):  # resample in full colour, not on the palette
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    image = image.copy()
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    return image


def _clean(upload, content_type: str, max_side: int | None):
    """The upload decoded, upright, at most `max_side`, with its metadata dropped; and its colour profile."""
    try:
        upload.seek(0)
        with Image.open(upload) as source:
            _pixel_limit(source)
            if max_side and source.format == "JPEG":
                source.draft(None, (max_side, max_side))  # decode at 1/2, 1/4 or 1/8 when that is enough
            icc_profile = source.info.get("icc_profile")
            image = ImageOps.exif_transpose(source)
    except ValidationError:
        raise
    except Exception as error:  # truncated or broken data shows only when decoding
        raise ValidationError(_("The image file is damaged.")) from error
    finally:
        upload.seek(0)
    image.info = {key: value for key, value in image.info.items() if key == "transparency"}
    if max_side:
        image = _shrunk(image, max_side)
    return image, icc_profile


def prepare_image(upload, content_type: str) -> PreparedImage:
    """An uploaded project image as it is stored: without metadata, bounded in size, with a smaller
    version for the project page."""
    extension = IMAGE_TYPES[content_type]
    image, icc_profile = _clean(upload, content_type, MAX_IMAGE_SIDE)
    original = _encode(image, content_type, "image" + extension, icc_profile)
    display = None
    if max(image.size) > DISPLAY_IMAGE_SIDE:
        display = _encode(_shrunk(image, DISPLAY_IMAGE_SIDE), content_type, "display" + extension, icc_profile)
    return PreparedImage(content_type, original, display)


def without_metadata(upload, content_type: str) -> ContentFile:
    """An image uploaded as a document: the same pixels, without metadata."""
    image, icc_profile = _clean(upload, content_type, None)
    return _encode(image, content_type, "upload" + IMAGE_TYPES[content_type], icc_profile)


# Files that nothing refers to any more: a replaced or deleted file stays on disk for as long as a version of
# its project can bring it back, and is removed by `manage.py clean_uploads` once none can. Other apps' upload
# folders are named in `settings.UPLOAD_FOLDERS` ({folder: dotted path of a function returning the names its rows
# refer to}), so `projects` checks them without importing the apps above it.

UPLOADS_FOLDER = "projects"


def referenced_files() -> set[str]:
    """Every stored file name a current row or a version snapshot refers to."""
    from . import declaration
    from .models import ProjectVersion

    names = set()
    file_rows = [rows for rows in declaration.ROWS if rows.files]
    for rows in file_rows:
        for values in rows.model.objects.values_list(*rows.files):
            names.update(values)
    for data in ProjectVersion.objects.values_list("snapshot", flat=True).iterator(chunk_size=200):
        for rows in file_rows:
            for item in data.get(rows.key) or []:
                names.update(item.get(name) for name in rows.files)
    names.discard(None)
    names.discard("")
    return names


def upload_folders() -> dict[str, Callable[[], set[str]]]:
    """{folder under MEDIA_ROOT: the function naming the files in it that something refers to}."""
    folders = {UPLOADS_FOLDER: referenced_files}
    for folder, path in getattr(settings, "UPLOAD_FOLDERS", {}).items():
        folders[folder] = import_string(path)
    return folders


def _stored_files(storage, folder: str):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _stored_files(storage, f"{folder}/{directory}")


def unreferenced_files(*, older_than: timedelta, storage=None) -> list[str]:
    """Stored upload names (in every upload folder) that no row and no version refers to, last modified longer
    than `older_than` ago (so an upload whose row is not yet saved is never among them)."""
    storage = storage or default_storage
    cutoff = timezone.now() - older_than
    found = []
    for folder, referenced_in in upload_folders().items():
        if not storage.exists(folder):
            continue
        candidates = [name for name in _stored_files(storage, folder) if storage.get_modified_time(name) < cutoff]
        referenced = referenced_in()  # after listing: a file saved in between is too new to be a candidate
        found += [name for name in candidates if name not in referenced]
    return sorted(found)
