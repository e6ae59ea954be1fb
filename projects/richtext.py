"""The small, safe subset of HTML that rich text fields accept: sanitised on save and again on render."""

import html
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


_SIMPLE = re.compile(r"^(<p>(?:(?!</?(?!br>)[a-z]).)*?</p>)+$", re.IGNORECASE | re.DOTALL)


def editable(value: str | None) -> str:
    """Stored HTML → what the editor sees in the textarea.

    Text that is only paragraphs and line breaks is shown as plain text (blank lines between
    paragraphs), so nobody has to edit <p> tags; `sanitize` turns it back into the same HTML.
    Anything richer (lists, links, emphasis) is shown as the HTML it is.
    """
    if not value or not _SIMPLE.match(value.strip()):
        return value or ""
    blocks = re.findall(r"<p>(.*?)</p>", value.strip(), re.IGNORECASE | re.DOTALL)
    return "\n\n".join(html.unescape(re.sub(r"<br\s*/?>", "\n", block, flags=re.IGNORECASE)) for block in blocks)
