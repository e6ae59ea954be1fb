"""Comment text is plain text: shown escaped, with line breaks kept and web addresses made into safe links."""

import re

import nh3
from django.utils.html import escape
from django.utils.safestring import mark_safe

_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»"


def _link(match: re.Match) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        url, tail = url[:-1], url[-1] + tail
    return f'<a href="{url}">{url}</a>{tail}'


def render(text: str) -> str:
    """Plain text → safe HTML: escaped, links (http and https only) with rel="nofollow ugc noopener",
    paragraphs on blank lines and <br> on single line breaks. Cleaned by nh3 on the way out."""
    escaped = escape(text or "")
    linked = _URL.sub(_link, escaped)
    blocks = [block.strip() for block in re.split(r"\n\s*\n", linked.replace("\r\n", "\n")) if block.strip()]
    html = "".join("<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks)
    return mark_safe(  # noqa: S308 - nh3 leaves only p, br and http(s) links
        nh3.clean(
            html,
            tags={"p", "br", "a"},
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            link_rel="nofollow ugc noopener",
        )
    )
