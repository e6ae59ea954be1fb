"""The small, safe subset of HTML that rich text fields accept: sanitised on save and again on render."""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a", "strong", "em"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
_BLOCK = re.compile(r"<\s*(p|ul|ol|li)\b", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*[a-z]", re.IGNORECASE)


def paragraphs(text: str) -> str:
    """Plain text → paragraphs: blank lines separate <p>, single newlines become <br>."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks)


def sanitize(value: str | None) -> str:
    """Clean user HTML to the allowed subset; plain text is turned into paragraphs first."""
    if not value:
        return ""
    value = value.strip()
    if not _TAG.search(value):
        value = paragraphs(escape(value))
    elif not _BLOCK.search(value):
        value = paragraphs(value)
    return nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
