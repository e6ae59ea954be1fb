"""Upload checks: the real content type (magic bytes), not the name or the browser's claim."""

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
MAX_IMAGE_SIZE = 5 * 1024 * 1024

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


def check_image(upload) -> tuple[str, str]:
    if upload.size > MAX_IMAGE_SIZE:
        raise ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_IMAGE_SIZE)},
        )
    kind = filetype.guess(_head(upload))
    if not kind or kind.mime not in IMAGE_TYPES:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."))
    from PIL import Image

    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ValidationError(_("The image file is damaged.")) from error
    finally:
        upload.seek(0)
    return kind.mime, IMAGE_TYPES[kind.mime]
