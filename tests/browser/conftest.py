"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test visits is checked with axe-core (WCAG 2.1 A/AA). The site's strict
Content-Security-Policy stays on: axe is evaluated through the DevTools protocol, which CSP does
not govern, instead of being injected as a <script> tag (which `script-src 'self'` blocks). That
way a CSP violation in our own pages still shows up as a console error and fails the test.
"""

import contextlib
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that it is fine (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

from ..conftest import clear_caches  # noqa: E402
from .helpers import axe_source, make_user  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS_DIR = Path(settings.BASE_DIR) / "test-results"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# Browser, context, page


@pytest.fixture(scope="session")
def browser():
    # What the browser tests need besides Python packages; missing, each browser test fails with the fix.
    axe_source()
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium missing ({CHROMIUM}): run make browser-deps", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class BrowserErrors(list):
    """Console errors and failed same-origin requests collected while a test runs."""


def _watch(page, errors: BrowserErrors, base_url: str) -> None:
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on(
        "response",
        lambda response: (
            errors.append(f"HTTP {response.status}: {response.url}")
            if response.url.startswith(base_url) and response.status >= 500
            else None
        ),
    )


@pytest.fixture
def new_page(browser, live_server, request):
    """Factory: a fresh page in its own browser context (own cookies), e.g. for a second user."""
    contexts = []
    errors = BrowserErrors()

    def make(**context_options):
        options = {"base_url": live_server.url, "locale": "nb-NO", "viewport": {"width": 1280, "height": 900}}
        options.update(context_options)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _watch(page, errors, live_server.url)
        return page

    yield make

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        RESULTS_DIR.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        for index, context in enumerate(contexts):
            for number, page in enumerate(context.pages):
                # A screenshot must never hide the real failure.
                with contextlib.suppress(Exception):
                    page.screenshot(path=RESULTS_DIR / f"{name}-{index}-{number}.png", full_page=True)
    for context in contexts:
        context.close()
    if not failed:
        assert not errors, "Errors in the browser:\n" + "\n".join(errors)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(autouse=True)
def _browser_test_setup(transactional_db, live_server):
    """Every browser test gets a database that the live server's thread sees, and fresh rate limits.

    Transactional tests flush every table afterwards; the seeded vocabularies come back with the flush
    (tests/conftest.py).
    """
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def organisations(db):
    """A county with its county authority and two municipalities (not the whole registry)."""
    from municipalities.models import County, Organisation

    county = County.objects.create(number="46", name="Vestland")
    return {
        "county": county,
        "authority": Organisation.objects.create(
            kind=Organisation.Kind.COUNTY_AUTHORITY, number="46", name="Vestland", slug="vestland", county=county
        ),
        "bergen": Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY,
            number="4601",
            name="Bergen",
            slug="bergen",
            county=county,
            population=291940,
        ),
        "voss": Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, number="4621", name="Voss", slug="voss", county=county
        ),
    }


@pytest.fixture
def org_admin(organisations):
    """An approved administrator of Bergen."""
    from municipalities.models import Membership

    admin = make_user("admin@bergen.kommune.no", full_name="Ada Administrator")
    Membership.objects.create(
        user=admin, organisation=organisations["bergen"], role=Membership.Role.ADMIN, status=Membership.Status.APPROVED
    )
    return admin
