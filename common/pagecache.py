"""Caching of public pages, invalidated by one "site generation" number.

Every change that can show on a public page moves the generation on: `site_changed()`. It is called for every
entry in the activity log (`on_activity`, an ACTIVITY_CONSUMER run after the commit), so a publish, an edit, an
archive, a new member, and whatever apps log later (adoptions, comments, featured projects) show at once; for
every change made in the Django admin (its LogEntry, see portal.admin); by the few services that change what a
page shows without logging it (reordering featured projects and collections, reported experiences, a deleted
account), after their commit; and by the management commands that write public data in bulk (`load_registry`,
`rebuild_search_index`, `load_demo`, `generate_projects`). Anything else (the clock: an open day that has passed)
shows after PAGE_CACHE_TIMEOUT at the latest.

- `@public_page` caches a view's whole page for anonymous visitors without a session (so no messages and no
  signed-in state can be in it), per language, host, htmx or not and full path. The CSRF token of the
  language switcher (and any other form) is taken out before storing and the visitor's own put back on
  serving. The page gets an ETag and Last-Modified, so a browser that has it gets a 304; `private`, so no
  shared proxy hands one visitor's token to another.
- `cached_fragment()` caches an expensive part (facet counts) for everyone, signed-in visitors included.
- `user_fragment_version()` and `cached_for_user()` do the same for what only one signed-in user sees (the unread
  count in the header, «Mine sider»): keyed by the site generation and the user's own generation, which
  `user_changed()` moves on for what the activity log does not record (a notification read, a follow).
  `@fresh_form_tokens` puts this visitor's form token into forms that came from such a fragment.

Everything lives in the `pages` cache (`page_cache`), apart from the rate-limit counters in `default`, so that
page entries never evict them. Keys hold the generation; old entries are never deleted, they expire. The cache
fails open (portal.cache).
"""

import hashlib
import re
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import http_date
from django.utils.translation import get_language

PAGES = "pages"  # the alias in settings.CACHES
page_cache = ConnectionProxy(caches, PAGES)

GENERATION_KEY = "site:generation"
USER_GENERATION_KEY = "user:{}:generation"
CSRF_PLACEHOLDER = "__spre_csrf_token__"
CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


# Within one request the generations are read from the cache once (RequestMemoMiddleware); outside requests
# (commands, tests calling functions directly) every call reads the cache.
_local = threading.local()


def _memo() -> dict | None:
    return getattr(_local, "memo", None)


class RequestMemoMiddleware:
    """Remembers, for the length of one request, what this module read from the cache about generations and the
    user's own entry, so a page with several cached parts asks the cache once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _local.memo = {}
        try:
            return self.get_response(request)
        finally:
            _local.memo = None


def request_memo(key, compute):
    """compute() once per request (outside a request: every time). For what several parts of one page ask again,
    like the organisations a user belongs to; cleared when the site or a user changes."""
    memo = _memo()
    if memo is None:
        return compute()
    key = ("request-memo", key)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def site_changed() -> None:
    """Something public changed: every cached page and fragment is stale from now on."""
    page_cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    if (memo := _memo()) is not None:
        memo.clear()


def on_activity(activity) -> None:
    """ACTIVITY_CONSUMER: any logged action may change what a public page shows."""
    site_changed()


def generation() -> int:
    memo = _memo()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    value = page_cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        page_cache.add(GENERATION_KEY, value, timeout=None)
    if memo is not None:
        memo[GENERATION_KEY] = int(value)
    return int(value)


def user_changed(*user_ids: int) -> None:
    """Something only these users see changed (a notification, a follow): their own cached parts are stale. At once
    and again after the commit, so that a request in between cannot keep the old state under the new generation."""
    keys = [USER_GENERATION_KEY.format(user_id) for user_id in user_ids]
    if not keys:
        return
    page_cache.set_many(dict.fromkeys(keys, time.time_ns()), timeout=None)
    transaction.on_commit(lambda: page_cache.set_many(dict.fromkeys(keys, time.time_ns()), timeout=None))
    if (memo := _memo()) is not None:
        memo.clear()


def _generations(user_id: int) -> str:
    """The site's generation and the user's, in one round trip to the cache (once per request)."""
    user_key = USER_GENERATION_KEY.format(user_id)
    memo = _memo()
    if memo is not None and user_key in memo and GENERATION_KEY in memo:
        return f"{memo[GENERATION_KEY]}.{memo[user_key]}"
    found = page_cache.get_many([GENERATION_KEY, user_key])
    if GENERATION_KEY not in found:
        found[GENERATION_KEY] = generation()
    if user_key not in found:
        found[user_key] = time.time_ns()
        page_cache.add(user_key, found[user_key], timeout=None)
    if memo is not None:
        memo[GENERATION_KEY], memo[user_key] = int(found[GENERATION_KEY]), int(found[user_key])
    return f"{found[GENERATION_KEY]}.{found[user_key]}"


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def cached_fragment(name: str, parts, compute, timeout: int | None = None):
    """compute() once per generation, language and `parts` (anything with a stable str)."""
    if not settings.PAGE_CACHE:
        return compute()
    key = f"fragment:{name}:{generation()}:{get_language()}:{_digest(*parts)}"
    value = page_cache.get(key)
    if value is None:
        value = compute()
        page_cache.set(key, value, timeout or settings.PAGE_CACHE_TIMEOUT)
    return value


def fragment_version(parts) -> dict:
    """For a template's `{% cache timeout name version %}`: a version that changes with the site, the language and
    `parts`, and the timeout (0, never kept, when the cache is off)."""
    if not settings.PAGE_CACHE:
        return {"timeout": 0, "version": ""}
    return {"timeout": settings.PAGE_CACHE_TIMEOUT, "version": f"{generation()}:{get_language()}:{_digest(*parts)}"}


def cached_for_user(name: str, user, parts, compute, timeout: int | None = None):
    """compute() once per site generation, user generation, language and `parts`, for this user alone. The user's
    values share one cache entry, read once per request."""
    if not settings.PAGE_CACHE:
        return compute()
    key = f"user-values:{user.pk}:{_generations(user.pk)}"
    memo = _memo()
    values = memo.get(key) if memo is not None else None
    if values is None:
        values = page_cache.get(key) or {}
        if memo is not None:
            memo[key] = values
    field = f"{name}:{get_language()}:{_digest(*parts)}"
    if field not in values:
        values[field] = compute()
        page_cache.set(key, values, timeout or settings.PAGE_CACHE_TIMEOUT)
    return values[field]


def user_fragment_version(request, parts) -> dict:
    """`fragment_version` for a part only this signed-in user sees. A view whose cached part holds forms is wrapped
    in `@fresh_form_tokens`, so a form cached in one browser carries the token of the browser it is served to."""
    if not settings.PAGE_CACHE:
        return {"timeout": 0, "version": ""}
    user = request.user
    version = f"{user.pk}:{_generations(user.pk)}:{get_language()}:{_digest(*parts)}"
    return {"timeout": settings.PAGE_CACHE_TIMEOUT, "version": version}


def fresh_form_tokens(view):
    """Every form token in the page made for this visitor's CSRF secret (a cached fragment holds another's)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and settings.PAGE_CACHE:
            content = response.content.decode(response.charset)
            if "csrfmiddlewaretoken" in content:
                response.content = CSRF_INPUT.sub(rf"\g<1>{get_token(request)}\g<2>", content)
        return response

    return wrapper


def _anonymous_without_session(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get("Cache-Control", ""):
        return False
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return not (session is not None and session.modified) and not (messages and messages.added_new)


def _finish(request, response, entry: dict, modified: int):
    """ETag (of the page and of the CSRF secret its token was made from) and Last-Modified; 304 when unchanged."""
    secret = request.META.get("CSRF_COOKIE", "") if CSRF_PLACEHOLDER in entry["content"] else ""
    etag = f'"{_digest(entry["hash"], secret)}"'
    last_modified = modified // 1_000_000_000
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie",))
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def public_page(view):
    """Cache the whole page for anonymous visitors without a session, until the site changes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _anonymous_without_session(request):
            return view(request, *args, **kwargs)
        current = generation()
        path = request.get_full_path()
        htmx = request.headers.get("HX-Request", "")
        key = f"page:{current}:{get_language()}:{_digest(request.scheme, request.get_host(), htmx, path)}"
        entry = page_cache.get(key)
        if entry is None:
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                return response
            if not getattr(response, "is_rendered", True):
                response.render()  # a TemplateResponse (the sitemap): rendered here to be stored
            content = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(response.charset))
            # A token used other than in a form field could not be put back per visitor: such a page is not stored.
            if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and CSRF_PLACEHOLDER not in content:
                return _finish(request, response, {"content": content, "hash": _digest(content)}, current)
            entry = {
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
                "content": content,
                "hash": _digest(content),
            }
            page_cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        else:
            content = entry["content"]
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request))
            response = HttpResponse(content, status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
        return _finish(request, response, entry, current)

    wrapper.public_page = True
    return wrapper


def same_for_everyone(view, *, before_hit=None):
    """Cache a view's whole answer per URL until the site changes, for every visitor: for answers that depend on
    nothing but the URL (the JSON API: no sessions, no tokens, one language). The view's own headers are kept
    (its Cache-Control, Last-Modified, Link). `before_hit(request)` runs before a cached answer is given and may
    refuse it (a rate limit: the view then answers, and refuses, itself)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = f"answer:{generation()}:{_digest(request.scheme, request.get_host(), request.get_full_path())}"
        entry = page_cache.get(key)
        if entry is not None and (before_hit is None or before_hit(request)):
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response[header] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if response.status_code == 200 and not response.streaming and not response.cookies:
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            entry = {"status": 200, "headers": headers, "content": response.content}
            page_cache.set(key, entry, settings.PAGE_CACHE_TIMEOUT)
        return response

    return wrapper
