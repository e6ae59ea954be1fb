"""Helpers for the browser tests: axe-core checks, navigation, users, logging in and out."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "Kommune-Innovasjon-2025"


def axe_source() -> str:
    """axe-core's script, read when a browser test first needs it (npm ci installs it).

    Read lazily, so that a checkout without npm packages still runs every other test; the browser
    tests then fail with this message instead of the whole run failing at collection.
    """
    global _axe_source
    if _axe_source is None:
        if not AXE_PATH.is_file():
            pytest.fail(f"axe-core missing ({AXE_PATH}): run npm ci (or make deps)", pytrace=False)
        _axe_source = AXE_PATH.read_text(encoding="utf-8")
    return _axe_source


_axe_source: str | None = None


def check_axe(page, *, context: str = "") -> None:
    """Run axe-core on the current page; fail with a readable list of WCAG 2.1 A/AA violations."""
    page.wait_for_load_state("load")
    duplicates = page.evaluate(
        """() => {
            const seen = new Set(), dup = new Set();
            for (const el of document.querySelectorAll('[id]')) (seen.has(el.id) ? dup : seen).add(el.id);
            return [...dup];
        }"""
    )
    assert not duplicates, f"duplicate ids on {page.url}: {duplicates}"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))
            }));
        }""",
        AXE_TAGS,
    )
    if result:
        lines = [f"axe found {len(result)} violation(s) on {page.url} {context}".rstrip()]
        for violation in result:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:10]:
                summary = " ".join((node["summary"] or "").split())
                lines.append(f"    {node['target']}: {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def visit(page, path: str):
    """Go to a path on the live server, expect a successful page, and check it with axe."""
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    check_axe(page)
    return response


def assert_css_loaded(page) -> None:
    """Designsystemet (from node_modules) and spre.css were served and applied."""
    token = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--ds-color-neutral-text-default')"
    )
    assert token.strip(), "Designsystemet's theme did not load"
    header_display = page.evaluate("() => getComputedStyle(document.querySelector('.site-header__inner')).display")
    assert header_display == "flex", "spre.css did not load"


def make_user(email="person@example.no", *, password=PASSWORD, full_name="Kari Nordmann", **extra):
    """A user with a verified primary email address (allauth requires one to log in)."""
    from allauth.account.models import EmailAddress

    from accounts.models import User

    user = User.objects.create_user(email=email, password=password, full_name=full_name, **extra)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page, email: str, password: str = PASSWORD) -> None:
    visit(page, reverse("account_login"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert page.url.endswith(reverse("accounts:dashboard")), f"login did not reach My pages: {page.url}"


def log_out(page) -> None:
    with page.expect_navigation():
        page.click("form[action$='/logg-ut/'] button[type=submit]")
